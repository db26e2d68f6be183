// The OpenAPI document describes every route handler under app/api/v1, and nothing that does not exist; it is valid
// OpenAPI 3.1, and its request schemas are the zod schemas' own JSON Schema, so the two cannot drift apart.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { API_PATHS, apiDocument } from "@/app/api/v1/openapi.json/registry";
import { GET as servedGet } from "@/app/api/v1/openapi.json/route";
import { ERROR_STATUS } from "@/lib/domain/failures";
import { buildOpenApiDocument, HTTP_METHODS, type ApiPath } from "@/lib/http/openapi";
import { tokenRequest } from "@/lib/validation/api";
import { submissionMetadata, withdrawalBody } from "@/lib/validation/contribution";
import { zipQuery } from "@/lib/validation/review";
import { diffQuery, searchQuery } from "@/lib/validation/search";

const root = path.resolve(__dirname, "../..");
const apiRoot = path.join(root, "app", "api", "v1");

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

/** app/api/v1/meetings/[code]/contributions/route.ts → /meetings/{code}/contributions (the folder names the parameter) */
export function openApiPath(file: string): string {
  const segments = path.relative(apiRoot, path.dirname(file)).split(path.sep).filter(Boolean);
  return (
    "/" +
    segments
      .map((s) => {
        const m = /^\[(\w+)\]$/.exec(s);
        return m ? `{${m[1]}}` : s;
      })
      .join("/")
  );
}

function exportedMethods(file: string): string[] {
  const source = readFileSync(file, "utf8");
  // `export async function POST(…)` or a wrapped handler, `export const POST = readsUpload(…)`.
  return [...source.matchAll(/export\s+(?:async\s+function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
}

const routes = routeFiles(apiRoot)
  .filter((f) => !f.split(path.sep).includes("openapi.json"))
  .flatMap((f) => exportedMethods(f).map((method) => ({ path: openApiPath(f), method: method.toLowerCase(), file: path.relative(root, f) })));

describe("the OpenAPI document", () => {
  const doc = apiDocument();

  it("is OpenAPI 3.1 and serialises to JSON", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(JSON.parse(JSON.stringify(doc)).openapi).toBe(doc.openapi);
  });

  it("finds the route handlers it is meant to check", () => {
    expect(routes.length).toBeGreaterThanOrEqual(13);
    expect(routes).toContainEqual(expect.objectContaining({ path: "/meetings/{code}/contributions", method: "post" }));
    expect(routes).toContainEqual(expect.objectContaining({ path: "/tokens/{id}", method: "delete" }));
  });

  it("documents every route and method under app/api/v1", () => {
    const missing = routes.filter((r) => !doc.paths[r.path]?.[r.method]).map((r) => `${r.method.toUpperCase()} ${r.path} (${r.file})`);
    expect(missing).toEqual([]);
  });

  it("documents no route or method that does not exist", () => {
    const existing = new Set([...routes.map((r) => `${r.method} ${r.path}`), "get /openapi.json"]);
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops)
        .filter((k) => METHODS.map((m) => m.toLowerCase()).includes(k as Lowercase<(typeof METHODS)[number]>))
        .map((m) => `${m} ${p}`),
    );
    expect(documented.filter((d) => !existing.has(d))).toEqual([]);
  });

  it("declares every path parameter of each path on its operations", () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      const names = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(ops)) {
        const declared = ((op.parameters as Array<{ name: string; in: string }>) ?? [])
          .filter((x) => x.in === "path")
          .map((x) => x.name)
          .sort();
        expect(declared, `${method.toUpperCase()} ${p}`).toEqual(names);
      }
    }
  });

  it("has every $ref pointing at a component that exists", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(10);
    const components = doc.components as unknown as Record<string, Record<string, unknown>>;
    for (const [, kind, name] of refs) expect(components[kind]?.[name], `${kind}/${name}`).toBeDefined();
  });

  it("documents the error object with every code and its status", () => {
    const error = doc.components.schemas.Error as { required: string[]; properties: Record<string, { enum?: string[] }> };
    expect(error.required).toEqual(["code", "message"]);
    expect(Object.keys(error.properties)).toEqual(expect.arrayContaining(["code", "message", "fields", "details"]));
    expect(error.properties.code.enum).toEqual(Object.keys(ERROR_STATUS));
    const described = JSON.stringify(doc.info);
    for (const [code, status] of Object.entries(ERROR_STATUS)) expect(described).toContain(`| \`${code}\` | ${status} |`);
    const deadline = JSON.stringify(doc.components.schemas.DeadlinePassedError);
    for (const key of ["deadline", "deadlineGeneva", "receivedAt", "lateByMs"]) expect(deadline).toContain(`"${key}"`);
  });

  it("documents the receipt with its UTC and Geneva receipt times and its hash", () => {
    const receipt = doc.components.schemas.Receipt as { required: string[] };
    expect(receipt.required).toEqual(
      expect.arrayContaining(["id", "versionId", "number", "displayNumber", "reference", "version", "title", "questions", "fileName", "receivedAt", "receivedAtGeneva", "requestStartedAt", "sha256", "size", "late", "status"]),
    );
  });

  it("says which answers a submission can get: 201 receipt, 409 after the deadline, 413, 415, 422", () => {
    const responses = doc.paths["/meetings/{code}/contributions"].post.responses as Record<string, unknown>;
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(["201", "401", "403", "404", "409", "413", "415", "422"]));
    expect(Object.keys(doc.paths["/meetings/{code}/late-requests"].post.responses as object)).toContain("202");
    expect(Object.keys(doc.paths["/contributions/{id}/revisions"].post.responses as object)).toEqual(expect.arrayContaining(["201", "202", "409"]));
  });

  it("offers a bearer token and the session cookie, and leaves the public routes open", () => {
    expect(Object.keys(doc.components.securitySchemes)).toEqual(["bearerAuth", "sessionCookie"]);
    expect(doc.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
    expect(doc.paths["/tokens"].post.security).toEqual([]);
    expect(doc.paths["/openapi.json"].get.security).toEqual([]);
  });
});

/** zod's JSON Schema of a request schema, as the document must carry it (2020-12 is OpenAPI 3.1's dialect; no `$schema` inside). */
function zodInput(schema: z.ZodType): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
  expect($schema).toBe("https://json-schema.org/draft/2020-12/schema");
  return rest;
}

type Spec = Parameters<Validator["validate"]>[0];
type Operation = { parameters?: Array<{ name: string; in: string; required: boolean; schema: unknown }>; requestBody?: { required: boolean; content: Record<string, { schema: { properties: Record<string, unknown>; required: string[] } }> }; responses: Record<string, unknown> };
const op = (doc: ReturnType<typeof apiDocument>, p: string, method: string) => doc.paths[p][method] as unknown as Operation;

describe("the generated OpenAPI document", () => {
  const doc = apiDocument();

  it("validates as OpenAPI 3.1", async () => {
    const result = await new Validator().validate(structuredClone(doc) as unknown as Spec);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("is refused by the validator when it is broken (the check above can fail)", async () => {
    // A parameter "in" the body, as OpenAPI 2 had it: not a place a 3.1 parameter may be.
    const broken = structuredClone(doc) as unknown as { paths: Record<string, Record<string, { parameters: Array<{ in: string }> }>> };
    broken.paths["/search"].get.parameters[0].in = "body";
    expect((await new Validator().validate(broken as unknown as Spec)).valid).toBe(false);
  });

  it("lists every route module of app/api/v1 in the registry, with the methods it exports", async () => {
    const registered = new Map(API_PATHS.map((a) => [a.path, a]));
    for (const r of routes) {
      const entry = registered.get(r.path);
      expect(entry, r.file).toBeDefined();
      const loaded = (await import(path.join(root, r.file))) as Record<string, unknown>;
      expect(entry!.module[r.method.toUpperCase() as (typeof HTTP_METHODS)[number]], `${r.method} ${r.path}`).toBe(loaded[r.method.toUpperCase()]);
    }
    const served = API_PATHS.find((a) => a.path === "/openapi.json")!;
    expect(served.module.GET!.route).toBe(servedGet.route);
  });

  it("carries the token request body exactly as zod's JSON Schema of the schema that validates it", () => {
    const body = op(doc, "/tokens", "post").requestBody!;
    expect(body.required).toBe(true);
    expect(body.content["application/json"].schema).toEqual(zodInput(tokenRequest));
    expect(op(doc, "/contributions/{id}/withdrawal", "post").requestBody!.content["application/json"].schema).toEqual(zodInput(withdrawalBody));
  });

  it("carries a submission's metadata exactly as zod's JSON Schema of submissionMetadata, beside the file", () => {
    const multipart = op(doc, "/meetings/{code}/contributions", "post").requestBody!.content["multipart/form-data"].schema;
    expect(multipart.required).toEqual(["metadata", "file"]);
    expect(multipart.properties.metadata).toEqual(zodInput(submissionMetadata));
    expect(JSON.stringify(multipart.properties.metadata)).toContain('"maxItems":20');
  });

  it("carries the search query's parameters exactly as zod's JSON Schema of searchQuery", () => {
    const expected = zodInput(searchQuery) as { properties: Record<string, unknown>; required: string[] };
    const query = op(doc, "/search", "get").parameters!.filter((p) => p.in === "query");
    expect(query.map((p) => p.name)).toEqual(Object.keys(expected.properties));
    for (const p of query) {
      expect(p.schema, p.name).toEqual(expected.properties[p.name]);
      expect(p.required, p.name).toBe(expected.required.includes(p.name));
    }
  });

  it("takes a query parameter's words from the zod schema's description, where zod has them", () => {
    const described = (p: string, method: string, name: string) => op(doc, p, method).parameters!.find((x) => x.name === name) as { description?: string; schema: { description?: string } };
    expect(described("/contributions/{id}/diff", "get", "from").description).toBe(diffQuery.shape.from.description);
    expect(diffQuery.shape.from.description).toBe("The older version's id.");
    expect(described("/questions/{question}/contributions.zip", "get", "since").description).toBe(zipQuery.shape.since.description);
    expect(described("/questions/{question}/contributions", "get", "late").schema.description).toBe("1: late ones only.");
    expect(described("/contributions/{id}/revisions", "post", "asLateRequest").description).toBe("1: file the revision as a late request.");
  });

  it("derives the answers the declaration tells: 401 for signed-in routes, 403 for writes, 413 for bodies, 500 everywhere", () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, o] of Object.entries(ops)) {
        const responses = (o as unknown as Operation).responses;
        expect(responses["500"], `${method} ${p}`).toEqual({ $ref: "#/components/responses/Internal" });
        if ((o as { requestBody?: unknown }).requestBody) expect(responses["413"], `${method} ${p}`).toBeDefined();
      }
    }
    expect(op(doc, "/meetings/{code}/contributions", "post").responses["415"]).toBeDefined();
    expect(op(doc, "/contributions/{id}", "get").responses["403"]).toBeUndefined();
    expect(op(doc, "/contributions/{id}/withdrawal", "post").responses["403"]).toBeDefined();
    expect(op(doc, "/clock", "get").responses["401"]).toBeUndefined();
  });

  it("refuses a registry whose words and methods do not match", () => {
    const tokens = API_PATHS.find((a) => a.path === "/tokens")!;
    const undescribed: ApiPath = { ...tokens, operations: {} };
    expect(() => buildOpenApiDocument([undescribed])).toThrow(/POST \/tokens has no description/);
    const phantom: ApiPath = { ...tokens, operations: { ...tokens.operations, GET: tokens.operations.POST } };
    expect(() => buildOpenApiDocument([phantom])).toThrow(/GET \/tokens is described but not exported/);
  });
});
