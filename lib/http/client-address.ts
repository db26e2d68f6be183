// The client's address: the socket's peer, or, behind TRUSTED_PROXY_HOPS proxies, the address the farthest of them saw.
import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { isIP } from "node:net";
import { settings } from "@/lib/config/settings";

/**
 * Route handlers, server actions and next-auth's `authorize` see only headers, and `next start` writes
 * the socket's address into X-Forwarded-For only when the client sent none (base-server.js: `??=`), so a
 * forged header would hide it. The server's start (instrumentation.ts → stampPeer) therefore appends the
 * socket's address to X-Forwarded-For itself, as a proxy does, for every request Node's HTTP server
 * receives, and marks the request with a secret of this process: a header without the mark (a request
 * that arrived before the hook was installed, or a test calling a handler directly) gives "unknown".
 */
const STAMP_HEADER = "x-tracker-peer-stamp";
export const UNKNOWN_ADDRESS = "unknown";

const g = globalThis as unknown as { __trackerPeerStamp?: string; __trackerUnstampedWarned?: boolean };

function stamp(): string {
  g.__trackerPeerStamp ??= randomBytes(24).toString("base64url");
  return g.__trackerPeerStamp;
}

function headerList(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(",") : (value ?? "");
  return joined
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** For the server's start: called for every incoming request before Next.js reads its headers. */
export function stampPeer(headers: IncomingHttpHeaders, remoteAddress: string | undefined): void {
  headers["x-forwarded-for"] = [...headerList(headers["x-forwarded-for"]), remoteAddress ?? UNKNOWN_ADDRESS].join(", ");
  headers[STAMP_HEADER] = stamp();
}

/** An address as the throttle and the audit log keep it: IPv4 dotted, IPv6 lower-case; a port or brackets removed. */
export function normaliseAddress(raw: string): string | null {
  let s = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  s = s.replace(/%.*$/, ""); // an IPv6 zone ("fe80::1%eth0") names the host's interface, not the client
  const kind = isIP(s);
  if (kind === 4) return s;
  if (kind !== 6) return null;
  s = s.toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  return mapped ? mapped[1] : s;
}

/**
 * The unit that address limits count: an IPv4 address, or an IPv6 /64 (one subscriber's network: a
 * client there can take any of 2^64 addresses, so counting single IPv6 addresses would limit nothing).
 */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head, tail] = address.includes("::") ? address.split("::") : [address, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // An embedded IPv4 tail ("::1.2.3.4") counts as two groups; only the first four groups matter here.
  const rightGroups = right.flatMap((g) => (g.includes(".") ? ["0", "0"] : [g]));
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - rightGroups.length)).fill("0"), ...rightGroups];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g || "0", 16).toString(16))
    .join(":")}::/64`;
}

type HeaderSource = Headers | Record<string, unknown> | undefined | null;

function header(source: HeaderSource, name: string): string | undefined {
  if (!source) return undefined;
  if (source instanceof Headers) return source.get(name) ?? undefined;
  const value = source[name];
  if (Array.isArray(value)) return value.join(",");
  return typeof value === "string" ? value : undefined;
}

/**
 * The client's address from a request's headers. With `hops` = 0 (the default) it is the socket's
 * peer, whatever X-Forwarded-For the client sent; with N trusted proxies in front it is the entry N
 * from the end (each proxy appends the address it received from), or the farthest one when the
 * request passed fewer proxies than that.
 */
export function clientAddress(headers: HeaderSource, hops: number = settings().trustedProxyHops): string {
  if (header(headers, STAMP_HEADER) !== stamp()) {
    if (!g.__trackerUnstampedWarned && process.env.NEXT_RUNTIME === "nodejs") {
      g.__trackerUnstampedWarned = true;
      console.warn("A request arrived without the server's peer stamp (before instrumentation.ts ran?); its client address is unknown.");
    }
    return UNKNOWN_ADDRESS;
  }
  const chain = headerList(header(headers, "x-forwarded-for"));
  if (chain.length === 0) return UNKNOWN_ADDRESS;
  const entry = chain[Math.max(0, chain.length - 1 - hops)];
  return normaliseAddress(entry) ?? UNKNOWN_ADDRESS;
}

/** For tests of code that reads the address: the headers the server's start would have given a request. */
export function stampedHeadersForTests(remoteAddress: string, forwardedFor?: string): Record<string, string> {
  const headers: IncomingHttpHeaders = forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor };
  stampPeer(headers, remoteAddress);
  return headers as Record<string, string>;
}
