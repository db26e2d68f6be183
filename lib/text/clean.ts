// Normalises extracted text for reading, comparing and indexing: one form of each character, plain line breaks.

/**
 * NFC, \r\n and lone \r as \n, no control characters (snippet() uses two of them as match marks), runs of spaces
 * and tabs as one space, no space at either end of a line, at most one empty line in a row, nothing at either end.
 */
export function cleanText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\ufeff]/g, "")
    .replace(/[\t\u00a0\u2000-\u200a\u202f\u205f\u3000 ]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Letters and digits in a text: a PDF whose pages hold (nearly) none is a scan without a text layer. */
export function meaningfulChars(text: string): number {
  return text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
}
