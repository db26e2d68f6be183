import { readUploadedCoverPage } from "@/lib/files/docx-cover";
import { failT } from "@/lib/domain/failures";
import { json } from "@/lib/http/json";
import { route, uploadBody } from "@/lib/http/route";
import { translate } from "@/lib/i18n/translate";
import { discardTemp } from "@/lib/files/storage";

export const runtime = "nodejs";

/** Reads the cover page of ITU's template from a DOCX to prefill the form; nothing is stored. */
export const POST = route({ access: "writer", body: uploadBody(null, false) }, async ({ locale, upload }) => {
  const parsed = await upload();
  if (!parsed.ok) return parsed;
  const { file, fileName } = parsed.value;
  if (!file) return failT("invalid", "api.cover.chooseDocument");
  try {
    const result = await readUploadedCoverPage(file.tempPath, fileName ?? "");
    if (!result.ok) return result;
    const answer = result.value;
    return json(answer.found ? { found: true, cover: answer.cover } : { found: false, reason: answer.reason, note: translate(locale, answer.noteKey) });
  } finally {
    await discardTemp(file);
  }
});
