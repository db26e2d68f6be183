import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { withBodyCap } from "@/lib/http/route";

// next-auth's own handler; its forms (sign-in, sign-out) are small, so a body over MAX_JSON_BODY_KB is refused unread.
const handler = NextAuth(authOptions);
export { handler as GET };
export const POST = withBodyCap(handler);
