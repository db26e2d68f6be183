// The site's public origin, for absolute links (calendar subscriptions, feed URLs): NEXTAUTH_URL when it is set
// (the origin e-mailed links use too), else the origin the request came to.

type HeaderSource = { get(name: string): string | null };

/** `requestOrigin`: a route handler's own (new URL(request.url).origin), for a request that names no host. */
export function publicOrigin(headers: HeaderSource, requestOrigin?: string): string {
  const configured = process.env.NEXTAUTH_URL?.replace(/\/+$/, "");
  if (configured) return configured;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (host) return `${headers.get("x-forwarded-proto") ?? "http"}://${host}`;
  return requestOrigin ?? "http://localhost";
}

/** The same address for a calendar application: webcal:// asks it to subscribe rather than to download once. */
export function webcalUrl(httpUrl: string): string {
  return httpUrl.replace(/^https?:\/\//, "webcal://");
}
