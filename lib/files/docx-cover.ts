// Reads the cover-page fields (Questions, Source, Title, Contacts, Keywords, Abstract...) of a DOCX on ITU's contribution template, as delegates fill it in, to prefill the form: it reads the cover and stops, and caps every field.
import { ok, type Result } from "@/lib/domain/failures";
import type { CoverPage } from "@/lib/files/docx-cover-fields";
import { CoverScan } from "@/lib/files/docx-cover-scan";
import { readDocxText } from "@/lib/files/docx-text";
import { checkUploadedFile, fileRefusal } from "@/lib/files/file-type";
import type { MessageKey } from "@/lib/i18n/keys";

export type CoverResult =
  /** `read`: how much of word/document.xml was read, and whether a bound cut it short */
  | { ok: true; cover: CoverPage; read: { xmlBytes: number; truncated: boolean } }
  /** `noteKey`: why nothing was read, as a catalog key */
  | { ok: false; reason: "not_docx" | "no_template" | "damaged"; noteKey: MessageKey };

const KIB = 1024;
// The cover of a real contribution is a few tens of kilobytes of XML, a logo's drawing included; past this the
// reader stops whatever the document holds, and answers with what it found.
export const COVER_MAX_XML_BYTES = 1024 * KIB;
const COVER_MAX_CHARS = 200_000;

const NOTES = {
  notDocx: "api.cover.notDocx",
  noTemplate: "api.cover.noTemplate",
  damaged: "api.cover.damaged",
  encrypted: "api.cover.encrypted",
} as const satisfies Record<string, MessageKey>;

function notRead(reason: "not_docx" | "no_template" | "damaged", noteKey: MessageKey): CoverResult {
  return { ok: false, reason, noteKey };
}

/** What a read of an uploaded file's cover page found; `noteKey` says why nothing was. */
export type CoverAnswer = { found: true; cover: CoverPage } | { found: false; reason: "not_docx" | "no_template" | "damaged"; noteKey: MessageKey };

/**
 * An uploaded file's cover page, after the very checks a submission of it would pass: a macro-enabled document, a
 * ZIP bomb or a file that is no document gets the refusal it would get on submission, before a byte of XML is read.
 */
export async function readUploadedCoverPage(path: string, originalName: string): Promise<Result<CoverAnswer>> {
  const check = await checkUploadedFile(path, originalName);
  if (!check.ok) return fileRefusal(check);
  if (check.kind !== "docx") return ok({ found: false, reason: "not_docx", noteKey: NOTES.notDocx });
  const result = await readCoverPage(path);
  return ok(result.ok ? { found: true, cover: result.cover } : { found: false, reason: result.reason, noteKey: result.noteKey });
}

/** Reads the cover page of the DOCX at `path` as it is; an upload goes through readUploadedCoverPage. */
export async function readCoverPage(path: string, opts?: { maxXmlBytes?: number }): Promise<CoverResult> {
  const scan = new CoverScan();
  const read = await readDocxText(path, {
    maxXmlBytes: opts?.maxXmlBytes ?? COVER_MAX_XML_BYTES,
    maxChars: COVER_MAX_CHARS,
    until: (block) => scan.push(block),
  });
  if (!read.ok) {
    if (read.reason === "not_docx") return notRead("not_docx", NOTES.notDocx);
    return notRead("damaged", read.reason === "encrypted" ? NOTES.encrypted : NOTES.damaged);
  }
  // Blocks that a bound cut short never went through `until`: the cover may be among them.
  for (const block of read.blocks.slice(scan.seen)) if (scan.push(block)) break;
  const cover = scan.cover();
  if (!cover) return notRead("no_template", NOTES.noTemplate);
  return { ok: true, cover, read: { xmlBytes: read.xmlBytesRead, truncated: read.truncated } };
}
