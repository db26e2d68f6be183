import NextAuth from "next-auth";
import { authOptions, requestAddress } from "@/lib/auth/options";
import { withOidcOutcomes } from "@/lib/auth/oidc";
import { withBodyCap } from "@/lib/http/route";

// next-auth's own handler, with single sign-on's outcomes turned into messages; its forms (sign-in, sign-out)
// are small, so a body over MAX_JSON_BODY_KB is refused unread.
const handler = withOidcOutcomes(NextAuth(authOptions), requestAddress);
export { handler as GET };
export const POST = withBodyCap(handler);
