// Request bodies with a cap: JSON read by counting (never whole when too large), and the lingering close of a refused body.
import { failT, type Failure } from "@/lib/domain/failures";

const MIB = 1024 * 1024;

/** 413 for a JSON (or form) body over the cap; the limit travels as a number, the words come at the edge. */
export function bodyTooLarge(maxBytes: number): Failure {
  return failT("too_large", "http.body.tooLarge", { limitKb: Math.floor(maxBytes / 1024) }, { details: { limitBytes: maxBytes } });
}

/** How much of a refused upload is read and dropped before answering ends; past it the connection is cut. */
export function lingerBytes(maxUploadBytes: number): number {
  return Math.max(4 * maxUploadBytes, 64 * MIB);
}

/** The same for every other body (JSON, or one a route does not read): enough for an honest client slightly over the cap. */
export function smallBodyLingerBytes(maxJsonBytes: number): number {
  return Math.max(4 * maxJsonBytes, MIB);
}

/** The length a request declares, or null (chunked, or none). A malformed value counts as none: the count while reading still holds. */
export function declaredLength(request: Request): number | null {
  const header = request.headers.get("content-length");
  if (header === null || !/^\d{1,15}$/.test(header.trim())) return null;
  return Number(header);
}

export type BodyBytes = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; tooLarge: true };

/**
 * Reads a whole body of at most `maxBytes`: refused by its declared length before a byte is read, or by counting as
 * it arrives (a chunked body declares none). A refused body keeps its unread rest in the request, unlocked, for the
 * route wrapper's lingering close; nothing over the cap is ever held in memory.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<BodyBytes> {
  const declared = declaredLength(request);
  if (declared !== null && declared > maxBytes) return { ok: false, tooLarge: true };
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      reader.releaseLock();
      return { ok: false, tooLarge: true };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, bytes };
}

export type JsonRead = { ok: true; value: unknown } | { ok: false; reason: "too_large" | "not_json" };

/** A JSON body under the cap, decoded as request.json() does (UTF-8, a byte order mark dropped); an empty body is not JSON. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<JsonRead> {
  let read: BodyBytes;
  try {
    read = await readBodyBytes(request, maxBytes);
  } catch {
    return { ok: false, reason: "not_json" }; // the client went away mid-body
  }
  if (!read.ok) return { ok: false, reason: "too_large" };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder("utf-8").decode(read.bytes)) };
  } catch {
    return { ok: false, reason: "not_json" };
  }
}

/** How long a connection stays open, unread, once the bounded drop is over, before it is cut (see dropBody). */
const GRACE_MS = 2000;

/**
 * Reads the rest of a refused body without keeping it, up to `limit` bytes, as web servers' lingering close
 * does: the client finishes sending and then reads the answer. Past the limit the server stops reading (the client
 * cannot send more: its window is full, nothing is buffered) and cuts the connection GRACE_MS later, by cancelling
 * the request's stream. The grace gives a client that reads while it sends (curl, browsers) the answer before the
 * reset, which would otherwise discard it.
 */
export async function dropBody(reader: ReadableStreamDefaultReader<Uint8Array>, limit: number): Promise<void> {
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
      if (read > limit) break;
    }
  } catch {
    return; // the client went away: nobody waits for the answer
  }
  await new Promise((resume) => setTimeout(resume, GRACE_MS));
  await reader.cancel().catch(() => {});
}

/**
 * The answer to a request whose body is still (partly) unread: sent at once, with its length, but its end waits
 * until the client has finished sending, whose bytes are dropped (at most `limit`, then the connection is cut).
 * Were the response to end first, the server would close the connection under a client still sending, and a
 * client that reads only after sending (Python's http.client, many scripts) would see a reset, not the reason.
 */
export async function lingering(response: Response, unread: ReadableStream<Uint8Array>, limit: number): Promise<Response> {
  const drained = dropBody(unread.getReader(), limit);
  const answer = new Uint8Array(await response.arrayBuffer());
  let sent = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(answer);
        return;
      }
      await drained;
      controller.close();
    },
  });
  const headers = new Headers(response.headers);
  headers.set("content-length", String(answer.byteLength));
  return new Response(stream, { status: response.status, statusText: response.statusText, headers });
}
