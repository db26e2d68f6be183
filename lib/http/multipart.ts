// Streaming multipart parsing of an upload request: text fields in memory (small), the one file straight to disk.
import busboy from "busboy";
import { failT, type Failure } from "@/lib/domain/failures";
import { formatBytes } from "@/lib/present/bytes";
import { receiveToTemp, discardTemp, UploadTooLarge, type ReceivedFile } from "@/lib/files/storage";
import { settings } from "@/lib/config/settings";
import { localizedParam } from "@/lib/validation/messages";

export type ParsedUpload = {
  fields: Record<string, string>;
  file: ReceivedFile | null;
  fileName: string | null;
  /** the server's clock when the whole file was on disk and fsynced */
  fileReceivedAt: number | null;
};

const MAX_FIELD_BYTES = 256 * 1024;
const MAX_FIELDS = 20;

export function tooLargeFailure(limit: number): Failure {
  return failT("too_large", "api.upload.tooLarge", localizedParam("limit", (l) => formatBytes(limit, l, { exact: false })), { details: { limitBytes: limit } });
}

/** How much of a refused body is read and dropped before answering; past it the connection is cut. */
export function lingerBytes(maxBytes: number): number {
  return Math.max(4 * maxBytes, 64 * 1024 * 1024);
}

/**
 * Reads the rest of a refused body without keeping it, up to `limit` bytes, as web servers' lingering close
 * does: the client finishes sending and then reads the answer. A body longer than that is cut short.
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
  await reader.cancel().catch(() => {});
}

/**
 * Wraps an upload route handler. When it answers without having read the body (no session, may not submit
 * here, deadline passed, no such document, declared too large), the answer is sent at once but its end waits
 * until the client has finished sending, whose bytes are dropped: the lingering close of web servers. Were
 * the response to end first, the server would close the connection under a client still sending, and a
 * client that reads only after sending (Python's http.client, many scripts) would see a reset, not the reason.
 */
export function readsUpload<Rest extends unknown[]>(handler: (request: Request, ...rest: Rest) => Promise<Response>) {
  return async (request: Request, ...rest: Rest): Promise<Response> => {
    const response = await handler(request, ...rest);
    const body = request.body;
    if (!body || body.locked || request.bodyUsed) return response;
    const drained = dropBody(body.getReader(), lingerBytes(settings().maxUploadBytes));
    const answer = new Uint8Array(await response.arrayBuffer());
    let sent = false;
    const lingering = new ReadableStream<Uint8Array>({
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
    return new Response(lingering, { status: response.status, statusText: response.statusText, headers });
  };
}

/**
 * Reads a multipart/form-data body. Expects at most one file part named `file`; any other file part is refused.
 * `clock` is called when the file is fully stored, so the receipt instant is the server's, never the client's.
 */
export async function parseUpload(request: Request, maxBytes: number, clock: () => number): Promise<{ ok: true; value: ParsedUpload } | Failure> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data") || !request.body) {
    return failT("invalid", "api.upload.notMultipart");
  }
  // A declared length over the limit is refused before a byte is stored (readsUpload drops the body).
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes + 1024 * 1024) return tooLargeFailure(maxBytes);

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": type },
      // busboy stops writing the file at the limit but keeps draining the body, so the client gets its answer.
      limits: { files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: MAX_FIELDS + 1, fileSize: maxBytes },
      defParamCharset: "utf8",
    });
  } catch {
    return failT("invalid", "api.upload.malformed");
  }

  const fields: Record<string, string> = {};
  let file: ReceivedFile | null = null;
  let fileName: string | null = null;
  let fileReceivedAt: number | null = null;
  let failure: Failure | null = null;
  const pending: Promise<void>[] = [];

  const done = new Promise<void>((resolve) => {
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) failure ??= failT("invalid", "api.upload.fieldTooLong", { name });
      else fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file" || file || fileName !== null) {
        failure ??= failT("invalid", "api.upload.oneFile");
        stream.resume();
        return;
      }
      fileName = info.filename ?? "";
      stream.on("limit", () => (failure ??= tooLargeFailure(maxBytes)));
      pending.push(
        receiveToTemp(stream, maxBytes).then(
          (received) => {
            file = received;
            fileReceivedAt = clock();
          },
          (error: unknown) => {
            failure ??= error instanceof UploadTooLarge ? tooLargeFailure(maxBytes) : failT("invalid", "api.upload.interrupted");
          },
        ),
      );
    });
    parser.on("filesLimit", () => (failure ??= failT("invalid", "api.upload.oneFile")));
    parser.on("fieldsLimit", () => (failure ??= failT("invalid", "api.upload.tooManyFields")));
    parser.on("partsLimit", () => (failure ??= failT("invalid", "api.upload.tooManyParts")));
    parser.on("error", () => {
      failure ??= failT("invalid", "api.upload.interruptedOrMalformed");
      resolve();
    });
    parser.on("close", () => resolve());
  });

  // The body straight into the parser, waiting for it when it is full (backpressure), without a stream adapter between.
  const reader = (request.body as ReadableStream<Uint8Array>).getReader();
  const stopped = () => parser.destroyed || parser.writableEnded;
  const roomOrStop = () =>
    new Promise<void>((resume) => {
      parser.once("drain", resume);
      parser.once("close", resume);
    });
  const feed = async () => {
    try {
      for (;;) {
        const { done: end, value } = await reader.read();
        if (end) break;
        if (stopped()) {
          // The parser gave up (malformed body): the rest is dropped, so that the client reads the answer.
          await dropBody(reader, lingerBytes(maxBytes));
          return;
        }
        if (!parser.write(value)) await roomOrStop();
      }
      if (!stopped()) parser.end();
    } catch {
      // The client went away mid-upload (a truncated body).
      failure ??= failT("invalid", "api.upload.interrupted");
      parser.destroy();
    }
  };
  const fed = feed();
  await done;
  await Promise.allSettled(pending);

  if (failure) {
    await discardTemp(file);
    // The answer waits for the rest of a refused body to be read (or dropped), as readsUpload's does.
    await fed;
    return failure;
  }
  return { ok: true, value: { fields, file, fileName, fileReceivedAt } };
}
