// How contributions are named: "COM 20-C 12", "T17-SG20-C-0012", "Rev.1", and the file names of downloads.
import type { VersionKind } from "@/db/schema";

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
 * A Content-Disposition that is safe whatever the original name held (quotes, slashes, NUL, RTL marks):
 * an ASCII fallback plus the UTF-8 name per RFC 6266 / 5987.
 */
export function contentDisposition(name: string, disposition: "attachment" | "inline" = "attachment"): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const cleaned = name.replace(/[\u0000-\u001f\u007f/\\]/g, "_").replace(/[\u202a-\u202e\u2066-\u2069]/g, "").slice(0, 200) || "document";
  const ascii = cleaned.replace(/[^\x20-\x7e]/g, "_").replace(/["%;]/g, "_");
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(cleaned)}`;
}
