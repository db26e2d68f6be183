// The site's public origin, for absolute links (calendar subscriptions, feed URLs): NEXTAUTH_URL when it is set
// (the origin e-mailed links use too), else the origin the request came to. X-Forwarded-Host and -Proto are read
// only behind a trusted reverse proxy (TRUSTED_PROXY_HOPS > 0): from anyone else they are just words a client chose.
import { settings } from "@/lib/config/settings";

type HeaderSource = { get(name: string): string | null };

function behindProxy(): boolean {
  return settings().trustedProxyHops > 0;
}

/** The host the request reached: the proxy's X-Forwarded-Host behind a trusted proxy, else Host. */
function reachedHost(headers: HeaderSource): string | null {
  return (behindProxy() ? headers.get("x-forwarded-host") : null) ?? headers.get("host");
}

/** `requestOrigin`: a route handler's own (new URL(request.url).origin), for a request that names no host. */
export function publicOrigin(headers: HeaderSource, requestOrigin?: string): string {
  const configured = process.env.NEXTAUTH_URL?.replace(/\/+$/, "");
  if (configured) return configured;
  const host = reachedHost(headers);
  if (host) return `${(behindProxy() ? headers.get("x-forwarded-proto") : null) ?? "http"}://${host}`;
  return requestOrigin ?? "http://localhost";
}

/** The hosts a same-origin browser request may name in its Origin: the public one (NEXTAUTH_URL) and the one it reached. */
export function ownHosts(headers: HeaderSource): string[] {
  const hosts: string[] = [];
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      hosts.push(new URL(configured).host);
    } catch {
      // settings() refuses a malformed NEXTAUTH_URL at start
    }
  }
  const host = reachedHost(headers);
  if (host) hosts.push(host);
  return hosts;
}

/** The same address for a calendar application: webcal:// asks it to subscribe rather than to download once. */
export function webcalUrl(httpUrl: string): string {
  return httpUrl.replace(/^https?:\/\//, "webcal://");
}
