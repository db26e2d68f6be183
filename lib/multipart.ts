// Streaming multipart parsing of an upload request: text fields in memory (small), the one file straight to disk.
import { Readable } from "node:stream";
import busboy from "busboy";
import { fail, type Failure } from "@/lib/errors";
import { receiveToTemp, discardTemp, UploadTooLarge, type ReceivedFile } from "@/lib/storage";

export type ParsedUpload = {
  fields: Record<string, string>;
  file: ReceivedFile | null;
  fileName: string | null;
  /** the server's clock when the whole file was on disk and fsynced */
  fileReceivedAt: number | null;
};

const MAX_FIELD_BYTES = 256 * 1024;
const MAX_FIELDS = 20;

function mb(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

export function tooLargeFailure(limit: number): Failure {
  return fail("too_large", `The file is too large: the limit is ${mb(limit)}. Compress images in the document, or split annexes into a ZIP under the limit.`, {
    details: { limitBytes: limit },
  });
}

/**
 * Reads a multipart/form-data body. Expects at most one file part named `file`; any other file part is refused.
 * `clock` is called when the file is fully stored, so the receipt instant is the server's, never the client's.
 */
export async function parseUpload(request: Request, maxBytes: number, clock: () => number): Promise<{ ok: true; value: ParsedUpload } | Failure> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data") || !request.body) {
    return fail("invalid", "Send the document as multipart/form-data with a part named 'file' (and 'metadata' as JSON).");
  }
  // A declared length over the limit is refused before a byte is stored.
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
    return fail("invalid", "The upload is not a well-formed multipart/form-data body.");
  }

  const fields: Record<string, string> = {};
  let file: ReceivedFile | null = null;
  let fileName: string | null = null;
  let fileReceivedAt: number | null = null;
  let failure: Failure | null = null;
  const pending: Promise<void>[] = [];

  const done = new Promise<void>((resolve) => {
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) failure ??= fail("invalid", `The field '${name}' is too long.`);
      else fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file" || file || fileName !== null) {
        failure ??= fail("invalid", "Send exactly one file, in the part named 'file'.");
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
            failure ??= error instanceof UploadTooLarge ? tooLargeFailure(maxBytes) : fail("invalid", "The upload was interrupted before the whole file arrived. Please send it again.");
          },
        ),
      );
    });
    parser.on("filesLimit", () => (failure ??= fail("invalid", "Send exactly one file, in the part named 'file'.")));
    parser.on("fieldsLimit", () => (failure ??= fail("invalid", "Too many form fields.")));
    parser.on("partsLimit", () => (failure ??= fail("invalid", "Too many parts in the upload.")));
    parser.on("error", () => {
      failure ??= fail("invalid", "The upload was interrupted or is not a well-formed multipart/form-data body. Please send it again.");
      resolve();
    });
    parser.on("close", () => resolve());
  });

  const source = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>);
  source.on("error", () => {
    failure ??= fail("invalid", "The upload was interrupted before the whole file arrived. Please send it again.");
    parser.destroy();
  });
  source.pipe(parser);
  await done;
  await Promise.allSettled(pending);

  if (failure) {
    await discardTemp(file);
    return failure;
  }
  return { ok: true, value: { fields, file, fileName, fileReceivedAt } };
}
