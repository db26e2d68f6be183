import { Readable } from "node:stream";
import { getContributionFile } from "@/lib/data/contributions";
import { openStoredFile } from "@/lib/files/storage";
import { reply, route } from "@/lib/http/route";
import { idParam, versionQuery } from "@/lib/validation/api";

export const runtime = "nodejs";

/** The current version's file, or ?version=<id>; streamed from disk, named by reference and revision. */
export const GET = route(
  { access: "reader", params: { id: idParam }, notFound: "api.notFound.document", query: { schema: versionQuery, invalid: "api.invalid.fields" } },
  ({ actor, params, query }) =>
    reply(
      getContributionFile(actor, params.id, query.version),
      (file) =>
        new Response(Readable.toWeb(openStoredFile(file.sha256)) as ReadableStream, {
          headers: {
            "Content-Type": file.mediaType,
            "Content-Length": String(file.size),
            "Content-Disposition": file.disposition,
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
            ETag: `"${file.sha256}"`,
            Digest: `sha-256=${Buffer.from(file.sha256, "hex").toString("base64")}`,
          },
        }),
    ),
);
