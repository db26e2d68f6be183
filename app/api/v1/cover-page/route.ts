import { getApiWriter } from "@/lib/http/actor";
import { readUploadedCoverPage } from "@/lib/files/docx-cover";
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
  const { file, fileName } = parsed.value;
  if (!file) return jsonError(failT("invalid", "api.cover.chooseDocument"), undefined, locale);
  try {
    const result = await readUploadedCoverPage(file.tempPath, fileName ?? "");
    if (!result.ok) return jsonError(result, undefined, locale);
    const answer = result.value;
    return json(answer.found ? { found: true, cover: answer.cover } : { found: false, reason: answer.reason, note: translate(locale, answer.noteKey) });
  } finally {
    await discardTemp(file);
  }
});
