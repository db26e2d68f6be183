// Where to go after signing in: only a path of this site, never an open redirect.
export function safeCallback(url: string | null): string {
  return url && url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\") ? url : "/";
}
