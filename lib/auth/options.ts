// next-auth configuration: e-mail and password sign-in, a JWT session that carries only the user id and its session version.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "@/lib/data/sign-in";
import { sessionSecret } from "@/lib/auth/secret";
import { clientAddress } from "@/lib/http/client-address";
import { sameOriginPath } from "@/lib/http/same-origin";

export const SESSION_MAX_AGE_S = 12 * 60 * 60;

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
        if (!outcome.ok) throw new Error(outcome.message);
        return { id: String(outcome.userId), sessionVersion: outcome.sessionVersion };
      },
    }),
  ],
  callbacks: {
    // Where next-auth sends the browser after signing in or out: a path of this site only (lib/http/same-origin.ts).
    redirect({ url, baseUrl }) {
      const base = new URL(baseUrl);
      return new URL(sameOriginPath(url, base.origin, base.pathname), base.origin).href;
    },
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = user.sessionVersion;
      }
      // Nothing else goes into the token: no role, no e-mail, no name; the session version ends it when the password changes.
      return { sub: token.sub, sv: token.sv, iat: token.iat, exp: token.exp, jti: token.jti };
    },
    session({ session, token }) {
      return { expires: session.expires, user: { id: token.sub ?? "", sessionVersion: token.sv ?? -1 } };
    },
  },
};
