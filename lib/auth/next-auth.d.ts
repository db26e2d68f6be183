// The session carries the user id and the account's session version only; roles and scope are re-read from the database on every request.
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    /** users.session_version when the credential was checked (lib/data/sessions.ts) */
    sessionVersion: number;
  }
  interface Session {
    user: { id: string; sessionVersion: number; email?: string | null; name?: string | null };
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    sub?: string;
    /** the session version: the session ends when the account's version moves past it */
    sv?: number;
  }
}
