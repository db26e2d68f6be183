import { Readable } from "node:stream";
import { getApiActor } from "@/lib/http/actor";
import { getContributionFile } from "@/lib/data/contributions";
import { jsonError, UNAUTHENTICATED } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { openStoredFile } from "@/lib/files/storage";

export const runtime = "nodejs";

/** The current version's file, or ?version=<id>; streamed from disk, named by reference and revision. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getApiActor(request);
  const locale = requestLocale(request, actor?.locale);
  if (!actor) return jsonError(UNAUTHENTICATED, undefined, locale);
  const v = new URL(request.url).searchParams.get("version");
  const result = getContributionFile(actor, Number((await params).id), v === null ? undefined : Number(v));
  if (!result.ok) return jsonError(result, undefined, locale);
  const file = result.value;
  return new Response(Readable.toWeb(openStoredFile(file.sha256)) as ReadableStream, {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.size),
      "Content-Disposition": file.disposition,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      ETag: `"${file.sha256}"`,
      "Digest": `sha-256=${Buffer.from(file.sha256, "hex").toString("base64")}`,
    },
  });
}
