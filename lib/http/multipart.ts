// Streaming multipart parsing of an upload request: text fields in memory (small), the one file straight to disk.
import busboy from "busboy";
import { failT, type Failure } from "@/lib/domain/failures";
import { receiveToTemp, discardTemp, UploadTooLarge, type ReceivedFile } from "@/lib/files/storage";

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
  return failT("too_large", "api.upload.tooLarge", { limit: { bytes: limit } }, { details: { limitBytes: limit } });
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
  // A declared length over the limit is refused before a byte is stored (the route wrapper drops the body).
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes + 1024 * 1024) return tooLargeFailure(maxBytes);

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": type },
      // At the file limit busboy truncates the file and says "limit"; the feed below then stops reading the body.
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
        stream.on("error", () => {}); // destroyed with the parser when the feed stops
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
  // Once the answer is known (the file passed the limit, the parser gave up, a part was refused), not another byte
  // goes into the parser: the rest stays in the request, unlocked, and the route wrapper answers at once and drops
  // a bounded amount of it before cutting the connection. A chunked upload of endless size is not read to its end.
  const feed = async () => {
    try {
      for (;;) {
        const { done: end, value } = await reader.read();
        if (end) break;
        if (failure || stopped()) break;
        if (!parser.write(value)) await roomOrStop();
        if (failure || stopped()) break;
      }
      if (failure || stopped()) {
        reader.releaseLock();
        if (!parser.destroyed) parser.destroy();
        return;
      }
      parser.end();
    } catch {
      // The client went away mid-upload (a truncated body).
      failure ??= failT("invalid", "api.upload.interrupted");
      parser.destroy();
    }
  };
  await feed();
  await done;
  await Promise.allSettled(pending);
  if (failure) {
    await discardTemp(file);
    return failure;
  }
  return { ok: true, value: { fields, file, fileName, fileReceivedAt } };
}
