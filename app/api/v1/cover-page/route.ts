import { getApiWriter } from "@/lib/data/api-actor";
import { readCoverPage } from "@/lib/files/docx-cover";
import { json, jsonError } from "@/lib/http";
import { parseUpload } from "@/lib/multipart";
import { now } from "@/lib/clock";
import { settings } from "@/lib/settings";
import { discardTemp } from "@/lib/storage";

export const runtime = "nodejs";

/** Reads the cover page of ITU's template from a DOCX to prefill the form; nothing is stored. */
export async function POST(request: Request) {
  const writer = await getApiWriter(request);
  if (!writer.ok) return jsonError(writer);
  const parsed = await parseUpload(request, settings().maxUploadBytes, now);
  if (!parsed.ok) return jsonError(parsed);
  const { file } = parsed.value;
  if (!file) return jsonError({ code: "invalid", message: "Choose a document." });
  try {
    const result = await readCoverPage(file.tempPath);
    return json(result.ok ? { found: true, cover: result.cover } : { found: false, reason: result.reason, note: result.note });
  } finally {
    await discardTemp(file);
  }
}
