// @ts-check
// The tracker's HTTP server: Next's request handler behind a Node server whose timeouts bound slow clients, plus the
// security headers that depend on the request (a CSP nonce) or on where the site is served (HSTS over https).
import { randomBytes } from "node:crypto";
import http from "node:http";
import { z } from "zod";

const seconds = (fallback, max) => z.coerce.number().int().min(1).max(max).default(fallback);

// Checked at start: a bad value stops the server with its name, rather than leaving a client unbounded.
const timeoutSchema = z.object({
  // The whole request head (request line and headers) must arrive within this of the first byte: a slowloris
  // client trickling one header a second is cut off then (Node answers 408).
  HTTP_HEADERS_TIMEOUT_S: seconds(20, 600),
  // A connection on which nothing moves either way for this long is closed: a body that stops arriving, a client
  // that stops reading. An idle timeout, not a total one: a 50 MB upload over a slow link takes as long as it takes.
  HTTP_IDLE_TIMEOUT_S: seconds(60, 3600),
  // How long a kept-alive connection waits for its next request.
  HTTP_KEEP_ALIVE_TIMEOUT_S: seconds(5, 600),
});

/**
 * @typedef {{ headersTimeoutMs: number, idleTimeoutMs: number, keepAliveTimeoutMs: number }} Timeouts
 */

/** The timeouts from the environment (seconds), validated. @returns {Timeouts} */
export function httpTimeouts(env = process.env) {
  const parsed = timeoutSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid HTTP timeout settings: ${problems}`);
  }
  const s = parsed.data;
  return { headersTimeoutMs: s.HTTP_HEADERS_TIMEOUT_S * 1000, idleTimeoutMs: s.HTTP_IDLE_TIMEOUT_S * 1000, keepAliveTimeoutMs: s.HTTP_KEEP_ALIVE_TIMEOUT_S * 1000 };
}

/**
 * The Content-Security-Policy of every answer. Scripts run only with this request's nonce (Next.js reads it from
 * the request's own CSP header and puts it on each of its script tags; 'strict-dynamic' lets those load their
 * chunks), so injected markup cannot run script. Styles allow 'unsafe-inline': React renders `style={…}` props as
 * style attributes, which no nonce can cover (and a nonce in style-src would make browsers ignore 'unsafe-inline');
 * a style cannot run script. No page may be framed (frame-ancestors 'none', as X-Frame-Options: DENY).
 * Over https, plain-http subresources are upgraded rather than loaded.
 * @param {string} nonce
 * @param {boolean} https
 */
export function contentSecurityPolicy(nonce, https = false) {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** HSTS only when the public origin is https: over plain http the header would be ignored, and it must not outlive a test setup. */
export function strictTransportSecurity(publicUrl = process.env.NEXTAUTH_URL) {
  return publicUrl?.startsWith("https://") ? "max-age=31536000" : null;
}

// Once an answer has ended, nothing reads what is left of its request's body (a form posted to a page, an oversize
// server action; the API's route wrapper has read, dropped or cut its own bodies by then), and Node would read and
// drop it to its end, however long. The server stops reading instead (the client's window fills; nothing is held)
// and closes the connection 2 s later: time for a client that reads while it sends to read the answer.
const UNREAD_REST_GRACE_MS = 2000;

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
function closeAfterAnswer(req, res) {
  res.once("finish", () => {
    if (req.complete || req.destroyed) return;
    // After Node's own 'finish' handler has resumed the socket to drop the rest (on the next tick).
    setImmediate(() => {
      if (req.complete || req.socket.destroyed) return;
      req.socket.pause();
      setTimeout(() => req.socket.destroy(), UNREAD_REST_GRACE_MS).unref();
    });
  });
}

/**
 * A Node HTTP server for `handle` (Next's request handler) with the timeouts and the security headers.
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>} handle
 * @param {Timeouts} timeouts
 */
export function createTrackerServer(handle, timeouts, publicUrl = process.env.NEXTAUTH_URL) {
  const hsts = strictTransportSecurity(publicUrl);
  const server = http.createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      // No limit on a whole request: the idle timeout below bounds a body that stops, not one that is slow.
      requestTimeout: 0,
      keepAliveTimeout: timeouts.keepAliveTimeoutMs,
      // How often Node looks for requests past headersTimeout (its default, 30 s, would let one wait 50 s).
      connectionsCheckingInterval: Math.max(250, Math.min(2000, Math.floor(timeouts.headersTimeoutMs / 4))),
    },
    (req, res) => {
      const policy = contentSecurityPolicy(randomBytes(16).toString("base64"), hsts !== null);
      // Next.js takes the nonce from the request's CSP header; whatever a client sent there is replaced.
      req.headers["content-security-policy"] = policy;
      delete req.headers["content-security-policy-report-only"];
      res.setHeader("Content-Security-Policy", policy);
      if (hsts) res.setHeader("Strict-Transport-Security", hsts);
      closeAfterAnswer(req, res);
      handle(req, res).catch((error) => {
        console.error(`Failed to handle ${req.method} ${req.url}:`, error);
        if (!res.headersSent) {
          res.statusCode = 500;
          res.end("Internal Server Error");
        } else res.destroy();
      });
    },
  );
  // A socket with no traffic either way for this long is destroyed (no 'timeout' listener: Node's default).
  server.timeout = timeouts.idleTimeoutMs;
  return server;
}
