// The session carries the user id only; roles and scope are re-read from the database on every request.
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: string; email?: string | null; name?: string | null };
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    sub?: string;
  }
}
