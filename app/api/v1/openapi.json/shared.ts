// The path parameters and answers that several resources' paths share.
import { jsonContent } from "@/lib/http/openapi-json";

export const meetingCode = { code: { description: "The meeting's code.", example: "SG20-2020-07" } };
export const contributionId = { id: { description: "The contribution's id.", example: "12" } };
export const questionCode = { question: { description: "A Question code, `Q3-20` or `Q3%2F20`.", example: "Q3-20" } };
export const revoked = jsonContent({ type: "object", properties: { id: { type: "integer" }, revoked: { const: true } } }, "Revoked.");
