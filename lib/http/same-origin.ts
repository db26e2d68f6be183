// Where a sign-in may send the reader afterwards: a place on this site, resolved the way a browser resolves it.

/** Stands for "this site" when the real origin is not at hand: only paths resolve onto it. */
const HERE = "http://this-site.invalid";

/**
 * The path (with query and fragment) that `raw` leads to if it stays on `origin`, else `fallback`.
 * It is resolved with URL, as the browser will resolve it, so the tricks that fool a prefix check
 * ("//evil.example", "/\\evil.example", "/\t/evil.example", "https:evil.example", "/%5Cevil.example"
 * after decoding) all land elsewhere and are refused. The result is checked once more, because a path
 * such as "/a/..//evil.example" normalises into one that would leave the site if followed.
 */
export function sameOriginPath(raw: string | null | undefined, origin: string = HERE, fallback = "/"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return fallback;
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(raw, base);
  } catch {
    return fallback;
  }
  if (target.origin !== base.origin) return fallback;
  const path = target.pathname + target.search + target.hash;
  try {
    if (!path.startsWith("/") || new URL(path, base).origin !== base.origin) return fallback;
  } catch {
    return fallback;
  }
  return path;
}
