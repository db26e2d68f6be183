// What reading a file's text gives, and the limits it is read within: plain values shared by the worker and the queue.

/** Why a stored file has no text: a scan, a password, damage, the limits (a bomb), or a format that is not read (.doc). */
export const NO_TEXT_REASONS = ["scanned", "encrypted", "damaged", "limits", "unsupported"] as const;
export type NoTextReason = (typeof NO_TEXT_REASONS)[number];

export type Extracted =
  | { state: "done"; text: string; pages: number | null; truncated: boolean }
  | { state: "no_text"; reason: NoTextReason; pages: number | null };

export type ExtractLimits = {
  /** characters of text kept; the rest is cut (truncated: true) */
  maxChars: number;
  /** pages of a PDF read */
  maxPages: number;
  /** bytes of XML read from a DOCX (uncompressed), and of a DOCX inside a ZIP */
  maxXmlBytes: number;
  /** after this, reading stops where it is and keeps what it has (truncated) */
  softTimeMs: number;
  /** after this the worker thread is stopped: the file is marked no_text (limits) */
  hardTimeMs: number;
  /** the worker thread's heap; a file that needs more stops it and is marked no_text (limits) */
  heapMb: number;
};

/**
 * About 1,000 pages of text; a 200-page document takes a few seconds. A DOCX's document.xml of 64 MB is ~15,000 pages
 * of formatted text; more is a bomb. The time limits are a backstop for what the byte and character limits cannot
 * see (one pathological PDF page): generous, because a server busy at a deadline reads slowly, and a real document
 * marked "no text" for being slow would be a loss.
 */
export const DEFAULT_LIMITS: ExtractLimits = {
  maxChars: 3_000_000,
  maxPages: 2_000,
  maxXmlBytes: 64 * 1024 * 1024,
  softTimeMs: 45_000,
  hardTimeMs: 90_000,
  heapMb: 384,
};
