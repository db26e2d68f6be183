import NextAuth from "next-auth";
import { authOptions, requestAddress } from "@/lib/auth/options";
import { withOidcOutcomes } from "@/lib/auth/oidc";

const handler = withOidcOutcomes(NextAuth(authOptions), requestAddress);
export { handler as GET, handler as POST };
