// The text layer of a PDF (pdfjs-dist 5, the legacy build that runs on Node 20), page by page, within limits.
import type { TextItem } from "pdfjs-dist/types/src/display/api";
import { cleanText, meaningfulChars } from "./clean";
import type { Extracted, ExtractLimits } from "./extracted";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

let pdfjs: Promise<PdfJs> | undefined;

/** Loaded once per thread on first use (about half a second): a worker that never meets a PDF never pays it. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  return pdfjs;
}

/**
 * Fewer letters and digits than this per page on average, and the PDF is taken for a scan (images of pages, no text
 * layer): a scanner's PDF has none at all, or a stray page number.
 */
const SCANNED_BELOW_PER_PAGE = 3;

export async function pdfText(data: Uint8Array, limits: ExtractLimits): Promise<Extracted> {
  const { getDocument } = await loadPdfJs();
  const started = performance.now();
  const task = getDocument({
    data,
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    // No network, no range requests: the whole file is in memory already.
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: false,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => {});
    const name = (error as Error)?.name;
    if (name === "PasswordException") return { state: "no_text", reason: "encrypted", pages: null };
    if (name === "InvalidPDFException" || name === "FormatError" || name === "UnknownErrorException") return { state: "no_text", reason: "damaged", pages: null };
    throw error;
  }
  try {
    const pages = doc.numPages;
    const chunks: string[] = [];
    let chars = 0;
    let truncated = false;
    for (let n = 1; n <= pages; n++) {
      if (n > limits.maxPages || chars >= limits.maxChars || performance.now() - started > limits.softTimeMs) {
        truncated = true;
        break;
      }
      const page = await doc.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
      let text = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        const t = item as TextItem;
        text += t.str + (t.hasEOL ? "\n" : "");
      }
      page.cleanup();
      chunks.push(text);
      chars += text.length;
    }
    let text = cleanText(chunks.join("\n\n"));
    if (text.length > limits.maxChars) {
      text = text.slice(0, limits.maxChars);
      truncated = true;
    }
    const read = Math.min(pages, chunks.length);
    if (meaningfulChars(text) < SCANNED_BELOW_PER_PAGE * Math.max(1, read)) {
      return { state: "no_text", reason: "scanned", pages };
    }
    return { state: "done", text, pages, truncated };
  } finally {
    await doc.destroy().catch(() => {});
  }
}
