// next-auth configuration: e-mail and password, the organisation's OpenID provider, a JWT session that carries only the user id.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "@/lib/data/sign-in";
import { signInSettings } from "@/lib/config/settings";
import { acceptOidcSignIn, matchedOidcUserId, noteAuthError, OIDC_PROVIDER_ID, oidcProvider, type OidcClaims } from "@/lib/auth/oidc";

export const SESSION_MAX_AGE_S = 12 * 60 * 60;

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : "";
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : "") || "local";
}

/** The same address for a route handler's request (the single sign-on's audit rows and throttling). */
export function requestAddress(request: Request): string {
  return clientAddress(Object.fromEntries(request.headers));
}

const oidc = signInSettings().oidc;

/**
 * In production NEXTAUTH_SECRET is required (next-auth refuses to run without it); the demo and
 * development use a fixed one, which is fine for accounts that only exist there.
 */
function authSecret(): string | undefined {
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (secret) return secret;
  if (process.env.NODE_ENV !== "production" || process.env.DEMO_MODE === "1") {
    return "contribution-tracker-demo-secret-not-for-production";
  }
  return undefined;
}

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
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
          clientAddress(req?.headers as Record<string, unknown> | undefined),
        );
        // next-auth passes a thrown message to the client as `error`; it is our human message.
        if (!outcome.ok) throw new Error(outcome.message);
        return { id: String(outcome.userId) };
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
    jwt({ token, user, account }) {
      // The subject is always the tracker's own user id: for single sign-on the account matched by
      // e-mail, never the provider's `sub` (which could look like another account's id).
      if (user) token.sub = account?.provider === OIDC_PROVIDER_ID ? String(matchedOidcUserId()) : user.id;
      // Nothing else goes into the token: no role, no e-mail, no name.
      return { sub: token.sub, iat: token.iat, exp: token.exp, jti: token.jti };
    },
    session({ session, token }) {
      return { expires: session.expires, user: { id: token.sub ?? "" } };
    },
  },
};
