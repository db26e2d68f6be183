import { getApiWriter } from "@/lib/http/actor";
import { readCoverPage } from "@/lib/files/docx-cover";
import { failT } from "@/lib/domain/failures";
import { json, jsonError } from "@/lib/http/json";
import { requestLocale } from "@/lib/i18n/server";
import { translate } from "@/lib/i18n/translate";
import { parseUpload, readsUpload } from "@/lib/http/multipart";
import { now } from "@/lib/time/clock";
import { settings } from "@/lib/config/settings";
import { discardTemp } from "@/lib/files/storage";

export const runtime = "nodejs";

/** Reads the cover page of ITU's template from a DOCX to prefill the form; nothing is stored. */
export const POST = readsUpload(async (request: Request) => {
  const writer = await getApiWriter(request);
  const locale = requestLocale(request, writer.ok ? writer.actor.locale : null);
  if (!writer.ok) return jsonError(writer, undefined, locale);
  const parsed = await parseUpload(request, settings().maxUploadBytes, now);
  if (!parsed.ok) return jsonError(parsed, undefined, locale);
  const { file } = parsed.value;
  if (!file) return jsonError(failT("invalid", "api.cover.chooseDocument"), undefined, locale);
  try {
    const result = await readCoverPage(file.tempPath);
    return json(result.ok ? { found: true, cover: result.cover } : { found: false, reason: result.reason, note: translate(locale, result.noteKey) });
  } finally {
    await discardTemp(file);
  }
});
