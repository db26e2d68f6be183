import { Readable } from "node:stream";
import { streamQuestionZip } from "@/lib/data/review-exports";
import { contentDisposition } from "@/lib/domain/numbering";
import { reply, route } from "@/lib/http/route";
import { codeParam } from "@/lib/validation/api";
import { zipQuery } from "@/lib/validation/review";

export const runtime = "nodejs";

/** The current version of every admitted contribution to the Question, as one streamed ZIP (?since=<ISO instant>). */
export const GET = route({ access: "reader", params: { question: codeParam }, query: { schema: zipQuery, invalid: "api.zip.since" } }, ({ actor, params, query }) =>
  reply(streamQuestionZip(actor, params.question, { since: query.since }), (zip) => {
    const headers: Record<string, string> = {
      "Content-Type": "application/zip",
      "Content-Disposition": contentDisposition(zip.fileName),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    };
    if (zip.size !== null) headers["Content-Length"] = String(zip.size);
    return new Response(Readable.toWeb(zip.stream) as ReadableStream, { headers });
  }),
);
