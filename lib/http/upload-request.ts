// Reads an upload request (multipart: `metadata` JSON + `file`) into validated metadata and a stored temp file.
import type { z } from "zod";
import { now } from "@/lib/time/clock";
import type { Failure } from "@/lib/domain/failures";
import { parseUpload } from "@/lib/http/multipart";
import { settings } from "@/lib/config/settings";
import { discardTemp } from "@/lib/files/storage";
import { cutName } from "@/lib/domain/numbering";
import { failFields, invalidFieldReasons, zodFieldReasons } from "@/lib/validation/messages";
import type { Upload } from "@/lib/data/upload-store";

export const MAX_FILE_NAME = 255;

/** A file name as metadata only: path parts, control characters and NUL removed, length bounded. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // Control characters are exactly what is removed; bidi overrides go too ("invoice\u202Efdp.exe" would pass for harmless).
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "").trim();
  // Cut by code points: a cut inside an emoji would store half a character, and every download would fail.
  return cutName(cleaned, MAX_FILE_NAME) || "document";
}

export async function readUploadRequest<S extends z.ZodType>(
  request: Request,
  schema: S,
  opts: { metadataRequired: boolean },
): Promise<{ ok: true; metadata: z.infer<S>; upload: Upload; fields: Record<string, string> } | Failure> {
  const requestStartedAt = now();
  const key = request.headers.get("idempotency-key")?.trim() || null;
  if (key !== null && !/^[\x21-\x7e]{8,200}$/.test(key)) {
    return failFields("invalid", "api.upload.idempotencyKey", undefined, { "Idempotency-Key": "api.upload.idempotencyKeyField" });
  }
  const parsed = await parseUpload(request, settings().maxUploadBytes, now);
  if (!parsed.ok) return parsed;
  const { fields, file, fileName, fileReceivedAt } = parsed.value;
  const bail = async (failure: Failure) => {
    await discardTemp(file);
    return failure;
  };
  if (!file || fileReceivedAt === null) return bail(failFields("invalid", "api.upload.chooseFile", undefined, { file: "api.upload.chooseFile" }));
  let raw: unknown = {};
  if (fields.metadata !== undefined) {
    try {
      raw = JSON.parse(fields.metadata);
    } catch {
      return bail(failFields("invalid", "api.upload.metadataNotJson", undefined, { metadata: "api.field.notJson" }));
    }
  } else if (opts.metadataRequired) {
    return bail(failFields("invalid", "api.upload.metadataMissing", undefined, { metadata: "api.field.required" }));
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    return bail(invalidFieldReasons(zodFieldReasons(result.error)));
  }
  return {
    ok: true,
    metadata: result.data,
    fields,
    upload: { file, originalName: cleanFileName(fileName ?? ""), requestStartedAt, receivedAt: fileReceivedAt, idempotencyKey: key },
  };
}
