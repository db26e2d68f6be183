// Where the browser goes after signing in: only this site. The server has already reduced the callback to a
// path (lib/http/same-origin.ts); the browser checks it again against its own origin.
import { sameOriginPath } from "@/lib/http/same-origin";

export function safeCallback(url: string | null): string {
  return new URL(sameOriginPath(url, window.location.origin), window.location.origin).href;
}
