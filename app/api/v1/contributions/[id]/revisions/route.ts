import { prepareRevision } from "@/lib/data/submission-checks";
import { reviseContribution } from "@/lib/data/submissions";
import { json } from "@/lib/http/json";
import { route, uploadBody } from "@/lib/http/route";
import { idParam } from "@/lib/validation/api";
import { lateExplanation, revisionMetadata } from "@/lib/validation/contribution";
import { z } from "zod";
import { receiptToJson } from "@/lib/present/api-json";

export const runtime = "nodejs";

const revisionBody = revisionMetadata.extend({ explanation: lateExplanation });

/** A revision (Rev., Add., Corr.); with ?asLateRequest=1 after the cutoff, a late revision request (202). */
export const POST = route(
  {
    access: "writer",
    params: { id: idParam },
    notFound: "api.notFound.document",
    query: {
      schema: z.object({ asLateRequest: z.string().optional().transform((v) => v === "1").describe("1: file the revision as a late request.") }),
      invalid: "api.invalid.fields",
    },
    body: uploadBody(revisionBody, false),
  },
  async ({ actor, params, query, upload }) => {
    // Whether this document may be revised is known before a byte of the file is read.
    const allowed = prepareRevision(actor, params.id);
    if (!allowed.ok) return allowed;
    const body = await upload();
    if (!body.ok) return body;
    const result = await reviseContribution(actor, params.id, body.metadata, body.upload, { asLateRequest: query.asLateRequest, explanation: body.metadata.explanation });
    if (!result.ok) return result;
    return json(receiptToJson(result.value), query.asLateRequest ? 202 : 201, { "Idempotent-Replayed": String(result.value.replayed ?? false) });
  },
);
