// Reads an upload request (multipart: `metadata` JSON + `file`) into validated metadata and a stored temp file.
import type { z } from "zod";
import { now } from "@/lib/clock";
import { fail, type Failure } from "@/lib/errors";
import { parseUpload } from "@/lib/multipart";
import { settings } from "@/lib/settings";
import { discardTemp } from "@/lib/storage";
import { fieldErrors } from "@/lib/validation/api";
import type { Upload } from "@/lib/data/submissions";

export const MAX_FILE_NAME = 255;

/** A file name as metadata only: path parts, control characters and NUL removed, length bounded. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (cleaned.length <= MAX_FILE_NAME) return cleaned || "document";
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : "";
  return cleaned.slice(0, MAX_FILE_NAME - ext.length) + ext;
}

export async function readUploadRequest<S extends z.ZodType>(
  request: Request,
  schema: S,
  opts: { metadataRequired: boolean },
): Promise<{ ok: true; metadata: z.infer<S>; upload: Upload; fields: Record<string, string> } | Failure> {
  const requestStartedAt = now();
  const key = request.headers.get("idempotency-key")?.trim() || null;
  if (key !== null && !/^[\x21-\x7e]{8,200}$/.test(key)) {
    return fail("invalid", "The Idempotency-Key header must be 8 to 200 visible ASCII characters, e.g. a UUID.", { fields: { "Idempotency-Key": "8-200 visible ASCII characters" } });
  }
  const parsed = await parseUpload(request, settings().maxUploadBytes, now);
  if (!parsed.ok) return parsed;
  const { fields, file, fileName, fileReceivedAt } = parsed.value;
  const bail = async (failure: Failure) => {
    await discardTemp(file);
    return failure;
  };
  if (!file || fileReceivedAt === null) return bail(fail("invalid", "Choose the document to upload.", { fields: { file: "Choose the document to upload." } }));
  let raw: unknown = {};
  if (fields.metadata !== undefined) {
    try {
      raw = JSON.parse(fields.metadata);
    } catch {
      return bail(fail("invalid", "The 'metadata' part is not valid JSON.", { fields: { metadata: "not valid JSON" } }));
    }
  } else if (opts.metadataRequired) {
    return bail(fail("invalid", "The 'metadata' part (JSON with title, questions, purpose, contacts) is missing.", { fields: { metadata: "required" } }));
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const errs = fieldErrors(result.error);
    return bail(fail("invalid", "Some fields need your attention: " + Object.values(errs).join(" "), { fields: errs }));
  }
  return {
    ok: true,
    metadata: result.data,
    fields,
    upload: { file, originalName: cleanFileName(fileName ?? ""), requestStartedAt, receivedAt: fileReceivedAt, idempotencyKey: key },
  };
}
