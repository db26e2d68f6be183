import { readCoverPage } from "@/lib/files/docx-cover";
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
  const { file } = parsed.value;
  if (!file) return failT("invalid", "api.cover.chooseDocument");
  try {
    const result = await readCoverPage(file.tempPath);
    return json(result.ok ? { found: true, cover: result.cover } : { found: false, reason: result.reason, note: translate(locale, result.noteKey) });
  } finally {
    await discardTemp(file);
  }
});
