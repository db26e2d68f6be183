// The OpenAPI 3.1 description of /api/v1, generated: each operation's access, path parameters, query and request body
// come from its route() declaration and the zod schemas that validate them (zod's own JSON Schema output), so the
// document cannot say one thing while the server checks another. What zod cannot know (summaries, answers, error codes)
// is data: the registry beside the served route (app/api/v1/openapi.json/registry.ts) and lib/http/openapi-components.ts.
import { z } from "zod";
import type { RouteOptions } from "@/lib/http/route";
import { INFO, SCHEMAS, SECURITY, SECURITY_SCHEMES, TAGS } from "@/lib/http/openapi-components";
import { errorResponse, RESPONSES } from "@/lib/http/openapi-errors";
import { response, type Json } from "@/lib/http/openapi-json";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A route module as Next sees it: each exported method's handler carries its declaration (lib/http/route.ts). */
export type RouteModule = Partial<Record<HttpMethod, { readonly route: RouteOptions }>>;

/** What an operation's declaration cannot say. */
export type OperationDoc = {
  tags: string[];
  summary: string;
  description?: string;
  operationId: string;
  /** the success answers, and the failures the declaration cannot tell (409, 429…); they replace the derived ones, null removes one */
  responses: Record<string, Json | null>;
  /** a description or an example for a declared path or query parameter, by name */
  parameters?: Record<string, { description?: string; example?: unknown }>;
  /** parameters the handler reads itself, outside its declaration (the audit log's filters, a feed's key) */
  extraParameters?: Json[];
  /** what the request body holds, in words */
  body?: string;
  /** instead of the access's own (public: none; otherwise a bearer token or the session cookie) */
  security?: Array<Record<string, string[]>>;
};

/** One path of the API: its route module, its template (with the folder's parameter names), and each method's words. */
export type ApiPath = { path: string; module: RouteModule; operations: Partial<Record<HttpMethod, OperationDoc>> };

export type OpenApiDocument = {
  openapi: string;
  info: Json;
  servers: Json[];
  security: Array<Record<string, string[]>>;
  tags: Json[];
  paths: Record<string, Record<string, Json>>;
  components: { securitySchemes: Json; schemas: Record<string, Json>; responses: Record<string, Json> };
};

/** A request schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect): what a client may send, before zod's defaults and transforms. */
export function requestSchema(schema: z.ZodType): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }) as Json;
  return rest;
}

const UPLOAD_FILE = {
  type: "string",
  contentMediaType: "application/octet-stream",
  description: "The document: DOCX (ITU's standard), DOC, PDF or ZIP, checked by content.",
};

function parameters(options: RouteOptions, doc: OperationDoc): Json[] {
  const described = (name: string, p: Json): Json => {
    const extra = doc.parameters?.[name];
    return extra ? { ...p, ...extra } : p;
  };
  const path = Object.entries(options.params ?? {}).map(([name, schema]) => described(name, { name, in: "path", required: true, schema: requestSchema(schema) }));
  const query: Json[] = [];
  if (options.query) {
    const object = requestSchema(options.query.schema) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(object.properties ?? {})) {
      const p: Json = { name, in: "query", required: (object.required ?? []).includes(name), schema };
      if (typeof schema.description === "string") p.description = schema.description;
      query.push(described(name, p));
    }
  }
  return [...path, ...query, ...(doc.extraParameters ?? [])];
}

function requestBody(options: RouteOptions, doc: OperationDoc): Json | undefined {
  const body = options.body;
  if (!body) return undefined;
  const description = doc.body ? { description: doc.body } : {};
  if (body.kind === "json") return { required: body.notJson !== null, ...description, content: { "application/json": { schema: requestSchema(body.schema) } } };
  const properties: Json = body.metadata ? { metadata: requestSchema(body.metadata), file: UPLOAD_FILE } : { file: UPLOAD_FILE };
  return {
    required: true,
    ...description,
    content: {
      "multipart/form-data": {
        schema: { type: "object", required: body.metadata && body.metadataRequired ? ["metadata", "file"] : ["file"], properties },
        ...(body.metadata ? { encoding: { metadata: { contentType: "application/json" } } } : {}),
      },
    },
  };
}

/** The failures the declaration itself tells: who may call, what is parsed, what body is read; and the one catch. */
function derivedResponses(options: RouteOptions): Record<string, Json> {
  const r: Record<string, Json> = {};
  if (options.access !== "public") r["401"] = response("Unauthenticated");
  if (options.access === "writer") r["403"] = response("Forbidden");
  if (options.params) r["404"] = response("NotFound");
  if (options.enabled) r["404"] = options.params ? errorResponse("Not found, or the feature does not exist here.", ["not_found", "not_available"]) : response("NotAvailable");
  if (options.query || options.body) r["422"] = response("Invalid");
  if (options.body) r["413"] = response("TooLarge");
  if (options.body?.kind === "upload") r["415"] = response("UnsupportedType");
  r["500"] = response("Internal");
  return r;
}

function operation(options: RouteOptions, doc: OperationDoc): Json {
  const merged: Record<string, Json | null> = { ...derivedResponses(options), ...doc.responses };
  const responses = Object.fromEntries(
    Object.entries(merged)
      .filter((e): e is [string, Json] => e[1] !== null)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  const params = parameters(options, doc);
  const body = requestBody(options, doc);
  const security = doc.security ?? (options.access === "public" ? [] : undefined);
  return {
    tags: doc.tags,
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    operationId: doc.operationId,
    ...(security ? { security } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(body ? { requestBody: body } : {}),
    responses,
  };
}

/** Builds the document; throws when a route method has no words or words name a method that does not exist. */
export function buildOpenApiDocument(api: readonly ApiPath[]): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const { path, module, operations } of api) {
    const item: Record<string, Json> = {};
    for (const method of HTTP_METHODS) {
      const handler = module[method];
      const doc = operations[method];
      if (!handler && !doc) continue;
      if (!handler || !doc) throw new Error(`OpenAPI: ${method} ${path} ${handler ? "has no description" : "is described but not exported"}`);
      item[method.toLowerCase()] = operation(handler.route, doc);
    }
    paths[path] = item;
  }
  return {
    openapi: "3.1.1",
    info: INFO,
    servers: [{ url: "/api/v1" }],
    security: SECURITY,
    tags: TAGS,
    paths,
    components: { securitySchemes: SECURITY_SCHEMES, schemas: SCHEMAS, responses: RESPONSES },
  };
}

const built = new WeakMap<readonly ApiPath[], OpenApiDocument>();

/** The document, built once per registry; each caller gets its own copy, so that nobody mutates the shared one. */
export function openApiDocument(api: readonly ApiPath[]): OpenApiDocument {
  let doc = built.get(api);
  if (!doc) built.set(api, (doc = buildOpenApiDocument(api)));
  return structuredClone(doc);
}
