// Small helpers of the pages and client forms: a short hash, and elements set into translated text. Pure, no I/O.

/** The first characters of a SHA-256, enough to tell versions apart on screen. */
export function shortHash(sha256: string): string {
  return `${sha256.slice(0, 12)}…`;
}

/**
 * Splits a translated text at its remaining {slots} so that a page can put a link or an element
 * where the catalog says ("write to the secretariat at {email}."). Elements passed in need a key.
 */
export function fillSlots<T>(text: string, slots: Record<string, T>): Array<string | T> {
  const out: Array<string | T> = [];
  let last = 0;
  for (const m of text.matchAll(/\{(\w+)\}/g)) {
    if (!(m[1] in slots)) continue;
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(slots[m[1]]);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
