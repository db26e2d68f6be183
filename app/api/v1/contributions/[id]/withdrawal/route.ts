import { getApiWriter } from "@/lib/data/api-actor";
import { withdrawContribution } from "@/lib/data/submissions";
import { json, jsonError } from "@/lib/http";
import { fieldErrors, readJson } from "@/lib/validation/api";
import { withdrawalBody } from "@/lib/validation/contribution";

export const runtime = "nodejs";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const writer = await getApiWriter(request);
  if (!writer.ok) return jsonError(writer);
  const body = await readJson(request);
  if (!body.ok) return jsonError({ code: "invalid", message: 'The body must be JSON: {"reason": "…"}.' });
  const parsed = withdrawalBody.safeParse(body.value);
  if (!parsed.success) return jsonError({ code: "invalid", message: "Say briefly why the contribution is withdrawn.", fields: fieldErrors(parsed.error) });
  const result = withdrawContribution(writer.actor, Number((await params).id), parsed.data.reason);
  if (!result.ok) return jsonError(result);
  return json({ id: result.value.id, status: "withdrawn", withdrawnAt: new Date(result.value.withdrawnAt).toISOString() });
}
