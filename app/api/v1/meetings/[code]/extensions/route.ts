import { grantExtension, listExtensions } from "@/lib/data/extensions";
import { json } from "@/lib/http/json";
import { jsonBody, reply, route } from "@/lib/http/route";
import { codeParam } from "@/lib/validation/api";
import { extensionBody } from "@/lib/validation/secretariat";
import { extensionToJson } from "@/lib/present/api-json";

export const runtime = "nodejs";

export const GET = route({ access: "reader", params: { code: codeParam } }, ({ actor, params }) =>
  reply(listExtensions(actor, params.code), (list) => json({ extensions: list.map(extensionToJson) })),
);

/** Grants a member or an organisation an extension until `until`; what arrives inside it is admitted, still marked LATE. */
export const POST = route({ access: "writer", params: { code: codeParam }, body: jsonBody(extensionBody, "api.body.extension") }, ({ actor, params, body }) =>
  reply(grantExtension(actor, params.code, body), (extension) => json(extensionToJson(extension), 201)),
);
