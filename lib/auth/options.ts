// next-auth configuration: e-mail and password, the organisation's OpenID provider, a JWT session that carries only the user id and its session version.
import { describeReason } from "@/lib/present/failures";
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "@/lib/data/sign-in";
import { signInSettings } from "@/lib/config/settings";
import { acceptOidcSignIn, matchedOidcAccount, noteAuthError, OIDC_PROVIDER_ID, oidcProvider, type OidcClaims } from "@/lib/auth/oidc";
import { sessionSecret } from "@/lib/auth/secret";
import { clientAddress } from "@/lib/http/client-address";
import { sameOriginPath } from "@/lib/http/same-origin";

export const SESSION_MAX_AGE_S = 12 * 60 * 60;

/** The client's address for a route handler's request (the single sign-on's audit rows and throttling). */
export function requestAddress(request: Request): string {
  return clientAddress(request.headers);
}

const oidc = signInSettings().oidc;

export const authOptions: NextAuthOptions = {
  // Read when a request needs it, not when the module loads: `next build` imports this file without any secret.
  get secret() {
    return sessionSecret();
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const outcome = await authenticate(
          String(credentials?.email ?? ""),
          String(credentials?.password ?? ""),
          clientAddress(req?.headers),
        );
        // next-auth passes a thrown message to the client as `error`; it is our human message.
        if (!outcome.ok) throw new Error(describeReason(outcome, "en"));
        return { id: String(outcome.userId), sessionVersion: outcome.sessionVersion };
      },
    }),
    ...(oidc ? [oidcProvider(oidc)] : []),
  ],
  // Refusals of the single sign-on are classified from what next-auth logs (lib/auth/oidc.ts).
  logger: { error: noteAuthError, warn: (code) => console.warn(`[next-auth][warn][${code}]`), debug: () => {} },
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      return oidc ? acceptOidcSignIn(profile as OidcClaims | undefined, oidc) : false;
    },
    // Where next-auth sends the browser after signing in or out: a path of this site only (lib/http/same-origin.ts).
    redirect({ url, baseUrl }) {
      const base = new URL(baseUrl);
      return new URL(sameOriginPath(url, base.origin, base.pathname), base.origin).href;
    },
    jwt({ token, user, account }) {
      if (user) {
        // The subject is always the tracker's own user id: for single sign-on the account matched by
        // e-mail, never the provider's `sub` (which could look like another account's id).
        const signedIn = account?.provider === OIDC_PROVIDER_ID ? matchedOidcAccount() : { userId: user.id, sessionVersion: user.sessionVersion };
        token.sub = String(signedIn.userId);
        token.sv = signedIn.sessionVersion;
      }
      // Nothing else goes into the token: no role, no e-mail, no name; the session version ends it when the password changes.
      return { sub: token.sub, sv: token.sv, iat: token.iat, exp: token.exp, jti: token.jti };
    },
    session({ session, token }) {
      return { expires: session.expires, user: { id: token.sub ?? "", sessionVersion: token.sv ?? -1 } };
    },
  },
};
