// The OpenAPI document describes every route handler under app/api/v1, and nothing that does not exist.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_STATUS } from "@/lib/domain/failures";
import { openApiDocument } from "@/lib/http/openapi";

const root = path.resolve(__dirname, "../..");
const apiRoot = path.join(root, "app", "api", "v1");

/** Folder parameter names → the names the document uses; any other keeps its folder name. */
const PARAM_NAMES: Record<string, string> = { code: "meetingCode", id: "id", question: "question" };

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

/** app/api/v1/meetings/[code]/contributions/route.ts → /meetings/{meetingCode}/contributions */
export function openApiPath(file: string): string {
  const segments = path.relative(apiRoot, path.dirname(file)).split(path.sep).filter(Boolean);
  return (
    "/" +
    segments
      .map((s) => {
        const m = /^\[(\w+)\]$/.exec(s);
        if (!m) return s;
        return `{${PARAM_NAMES[m[1]] ?? m[1]}}`;
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
  const doc = openApiDocument();

  it("is OpenAPI 3.1 and serialises to JSON", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(JSON.parse(JSON.stringify(doc)).openapi).toBe(doc.openapi);
  });

  it("finds the route handlers it is meant to check", () => {
    expect(routes.length).toBeGreaterThanOrEqual(13);
    expect(routes).toContainEqual(expect.objectContaining({ path: "/meetings/{meetingCode}/contributions", method: "post" }));
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
    const resolve = (p: { $ref?: string; name?: string; in?: string }) =>
      p.$ref ? (doc.components.parameters[p.$ref.split("/").pop()!] as { name: string; in: string }) : (p as { name: string; in: string });
    for (const [p, ops] of Object.entries(doc.paths)) {
      const names = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(ops)) {
        const declared = ((op.parameters as Array<{ $ref?: string }>) ?? [])
          .map(resolve)
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
    const responses = doc.paths["/meetings/{meetingCode}/contributions"].post.responses as Record<string, unknown>;
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(["201", "401", "403", "404", "409", "413", "415", "422"]));
    expect(Object.keys(doc.paths["/meetings/{meetingCode}/late-requests"].post.responses as object)).toContain("202");
    expect(Object.keys(doc.paths["/contributions/{id}/revisions"].post.responses as object)).toEqual(expect.arrayContaining(["201", "202", "409"]));
  });

  it("offers a bearer token and the session cookie, and leaves the public routes open", () => {
    expect(Object.keys(doc.components.securitySchemes)).toEqual(["bearerAuth", "sessionCookie"]);
    expect(doc.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
    expect(doc.paths["/tokens"].post.security).toEqual([]);
    expect(doc.paths["/openapi.json"].get.security).toEqual([]);
  });
});
