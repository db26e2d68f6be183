// route() (lib/http/route.ts): every handler under app/api/v1 is made by it and declares its access, parameters and
// body; the order of its checks; a JSON body capped while it is read; one catch answering 500 with a request id.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { notFound } from "next/navigation";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { jsonBody, route, type RouteHandler } from "@/lib/http/route";
import * as contributionRoute from "@/app/api/v1/contributions/[id]/route";
import * as withdrawalRoute from "@/app/api/v1/contributions/[id]/withdrawal/route";
import * as tokenRoute from "@/app/api/v1/tokens/[id]/route";
import * as tokensRoute from "@/app/api/v1/tokens/route";
import { freshEnv, type TestEnv } from "../support/db";
import { jsonOf, ORIGIN, SWITZERLAND, tokenFor } from "../support/api";

const root = path.resolve(__dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

let env: TestEnv;
let token: string;

beforeAll(async () => {
  env = await freshEnv();
  token = await tokenFor(SWITZERLAND);
});

afterAll(() => env.cleanup());

describe("every /api/v1 handler goes through route()", () => {
  it("declares its access, and every write its actor check: only POST /tokens is public among the writes", async () => {
    const files = routeFiles(path.join(root, "app", "api", "v1"));
    expect(files.length).toBeGreaterThanOrEqual(20);
    const seen: string[] = [];
    for (const file of files) {
      const mod = (await import(file)) as Record<string, RouteHandler | undefined>;
      const rel = path.relative(root, file);
      for (const method of METHODS) {
        const handler = mod[method];
        if (!handler) continue;
        seen.push(`${method} ${rel}`);
        expect(handler.route?.access, `${method} ${rel} is not made by route()`).toMatch(/^(public|reader|writer)$/);
        if (method !== "GET" && handler.route.access === "public") expect(`${method} ${rel}`).toBe("POST app/api/v1/tokens/route.ts");
        if (method !== "GET" && handler.route.access !== "public") expect(handler.route.access, `${method} ${rel}`).toBe("writer");
        // Every declared parameter is a segment of the path, and every segment is declared.
        expect(Object.keys(handler.route.params ?? {}).sort(), `${method} ${rel}`).toEqual([...rel.matchAll(/\[(\w+)\]/g)].map((m) => m[1]).sort());
      }
    }
    expect(seen.length).toBeGreaterThanOrEqual(25);
  });

  it("keeps the declaration inspectable: the schemas that validate are the ones on the handler", () => {
    const body = withdrawalRoute.POST.route.body;
    expect(body?.kind).toBe("json");
    expect(body && body.kind === "json" && body.schema.safeParse({ reason: "Superseded" }).success).toBe(true);
    expect(contributionRoute.GET.route.params?.id.safeParse("12")).toEqual({ success: true, data: 12 });
  });
});

describe("the checks, in order", () => {
  it("a path parameter that does not parse is the resource's not_found, after the actor", async () => {
    // (An unknown bearer token: the cookie path needs Next's request scope, which a direct call does not have.)
    const noActor = await contributionRoute.GET(new Request(`${ORIGIN}/api/v1/contributions/abc`, { headers: { authorization: "Bearer ctk_unknown" } }), { params: Promise.resolve({ id: "abc" }) });
    expect(noActor.status).toBe(401);
    for (const id of ["abc", "0", "-3", "1.5", "9".repeat(20)]) {
      const res = await contributionRoute.GET(new Request(`${ORIGIN}/api/v1/contributions/${id}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id }) });
      expect([res.status, (await jsonOf(res)).message], id).toEqual([404, "There is no such document, or you do not have access to it."]);
    }
    const token404 = await tokenRoute.DELETE(new Request(`${ORIGIN}/api/v1/tokens/x`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id: "x" }) });
    expect((await jsonOf(token404)).code).toBe("not_found");
  });

  it("a JSON body over MAX_JSON_BODY_KB is refused with 413 by its declared length, unread", async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(16 * 1024));
      },
    });
    const request = new Request(`${ORIGIN}/api/v1/tokens`, { method: "POST", headers: { "content-type": "application/json", "content-length": String(200 * 1024) }, body, duplex: "half" } as RequestInit);
    const res = await tokensRoute.POST(request);
    expect(res.status).toBe(413);
    expect(await jsonOf(res)).toEqual({ code: "too_large", message: "The request body is too large: at most 64 KB is accepted here.", details: { limitBytes: 65536 } });
  });

  it("a chunked JSON body is counted as it arrives: refused past the cap, the rest dropped up to a bound, then the stream is cancelled", async () => {
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x61));
      },
      cancel() {
        cancelled = true;
      },
    });
    const request = new Request(`${ORIGIN}/api/v1/tokens`, { method: "POST", headers: { "content-type": "application/json", "accept-language": "ru" }, body, duplex: "half" } as RequestInit);
    const res = await tokensRoute.POST(request);
    expect(res.status).toBe(413);
    expect((await jsonOf(res)).message).toBe("Тело запроса слишком велико: здесь принимается не более 64 КБ.");
    // The answer's end waited for the bounded drop (1 MB) and the cut; an endless body was not read to its end.
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(2 * 1024 * 1024);
  });

  it("malformed JSON and a body that does not fit keep each route's own message", async () => {
    const post = (body: string) =>
      withdrawalRoute.POST(new Request(`${ORIGIN}/api/v1/contributions/1/withdrawal`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body }), {
        params: Promise.resolve({ id: "1" }),
      });
    const malformed = await jsonOf(await post('{"reason": '));
    expect([malformed.code, malformed.message]).toEqual(["invalid", expect.stringMatching(/must be JSON/i)]);
    const empty = await jsonOf(await post('{"reason": " "}'));
    expect([empty.code, Object.keys(empty.fields ?? {})]).toEqual(["invalid", ["reason"]]);
  });
});

describe("the one catch", () => {
  it("answers anything unexpected with 500 {code, message, requestId}, logs it under that id, and shows no detail", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const broken = route({ access: "public", params: { code: z.string() } }, () => {
        throw new Error("SQLITE_CORRUPT: database disk image is malformed");
      });
      const res = await broken(new Request(`${ORIGIN}/api/v1/broken/x`, { headers: { "accept-language": "ru" } }), { params: Promise.resolve({ code: "x" }) });
      const body = await jsonOf(res);
      expect(res.status).toBe(500);
      expect(Object.keys(body).sort()).toEqual(["code", "message", "requestId"]);
      expect(body.code).toBe("internal");
      expect(body.message).toContain(body.requestId);
      expect(body.message).toMatch(/^На сервере произошла ошибка/);
      expect(JSON.stringify(body)).not.toMatch(/SQLITE|malformed/);
      expect(res.headers.get("x-request-id")).toBe(body.requestId);
      expect(String(errors.mock.calls[0]?.[0])).toBe(`[${body.requestId}] GET /api/v1/broken/x: unexpected error`);
      expect(String(errors.mock.calls[0]?.[1])).toMatch(/SQLITE_CORRUPT/);
    } finally {
      errors.mockRestore();
    }
  });

  it("lets Next's own control flow through (notFound(), redirect()), and answers an expected failure in the reader's language", async () => {
    const missing = route({ access: "public" }, () => notFound());
    await expect(missing(new Request(`${ORIGIN}/api/v1/x`))).rejects.toThrow();
    const refused = route({ access: "public", body: jsonBody(z.object({ n: z.number() }), "api.body.token") }, () => new Response("unreachable"));
    const res = await refused(new Request(`${ORIGIN}/api/v1/x`, { method: "POST", body: "not json", headers: { "accept-language": "ru" } }));
    expect(res.status).toBe(422);
    expect((await jsonOf(res)).code).toBe("invalid");
  });
});
