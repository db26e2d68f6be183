// How contributions are named: "COM 20-C 12", "T17-SG20-C-0012", "Rev.1", and the file names of downloads.
import type { VersionKind } from "@/lib/domain/enums";

export function displayNumber(studyGroupNumber: number, number: number | null): string {
  return number === null ? "(no number yet)" : `COM ${studyGroupNumber}-C ${number}`;
}

export function fileReference(periodCode: string, studyGroupNumber: number, number: number | null): string | null {
  if (number === null) return null;
  return `${periodCode}-SG${studyGroupNumber}-C-${String(number).padStart(4, "0")}`;
}

const LABEL: Record<VersionKind, string> = { original: "", revision: "Rev.", addendum: "Add.", corrigendum: "Corr." };
const SUFFIX: Record<VersionKind, string> = { original: "", revision: "R", addendum: "A", corrigendum: "C" };

/** "" for the original, else "Rev.1", "Add.2", "Corr.1". */
export function versionLabel(kind: VersionKind, ordinal: number): string {
  return kind === "original" ? "" : `${LABEL[kind]}${ordinal}`;
}

/** T17-SG20-C-0012-R1.docx; a request without a number yet is named by its id. */
export function downloadName(reference: string | null, fallbackId: number, kind: VersionKind, ordinal: number, extension: string): string {
  const base = reference ?? `late-request-${fallbackId}`;
  return `${base}${kind === "original" ? "" : `-${SUFFIX[kind]}${ordinal}`}${extension}`;
}

/**
 * At most `max` characters as a reader counts them (code points, never half of an emoji's surrogate
 * pair), keeping a short extension: "a…a😀.pdf" cut to 200 stays a valid string that ends in ".pdf".
 */
export function cutName(name: string, max: number): string {
  // A lone surrogate (half a character, from wherever) becomes U+FFFD, which encodeURIComponent can encode.
  const chars = Array.from(name.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"));
  if (chars.length <= max) return chars.join("");
  const dot = chars.lastIndexOf(".");
  const ext = dot > 0 && chars.length - dot <= 10 ? chars.slice(dot) : [];
  return [...chars.slice(0, max - ext.length), ...ext].join("");
}

/**
 * A Content-Disposition that is safe whatever the original name held (quotes, slashes, NUL, RTL marks,
 * emoji): an ASCII fallback plus the UTF-8 name per RFC 6266 / 5987.
 */
export function contentDisposition(name: string, disposition: "attachment" | "inline" = "attachment"): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const cleaned = cutName(name.replace(/[\u0000-\u001f\u007f/\\]/g, "_").replace(/[\u202a-\u202e\u2066-\u2069]/g, ""), 200) || "document";
  const ascii = cleaned.replace(/[^\x20-\x7e]/g, "_").replace(/["%;]/g, "_");
  // encodeURIComponent leaves ' ( ) * ! unescaped, which RFC 5987's attr-char does not allow.
  const encoded = encodeURIComponent(cleaned).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
