// GET /api/v1/openapi.json as a client gets it, through its route handler: a public JSON answer that validates as
// OpenAPI 3.1 and carries the request schemas zod checks.
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { apiDocument } from "@/app/api/v1/openapi.json/registry";
import { GET } from "@/app/api/v1/openapi.json/route";

describe("the served OpenAPI document", () => {
  it("is answered to anyone as JSON, and validates as OpenAPI 3.1", async () => {
    const response = await GET(new Request("http://localhost:3000/api/v1/openapi.json"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const doc = JSON.parse(await response.text());
    expect(doc.openapi).toMatch(/^3\.1\./);
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // The submission's limits come from the zod schema (MAX_QUESTIONS, MAX_TITLE), not from a copy.
    const metadata = doc.paths["/meetings/{code}/contributions"].post.requestBody.content["multipart/form-data"].schema.properties.metadata;
    expect(metadata.properties.questions.maxItems).toBe(20);
    expect(metadata.properties.title.maxLength).toBe(500);
  });

  it("gives each caller its own copy: changing one does not change the next", () => {
    const first = apiDocument();
    (first.paths["/tokens"].post as { summary: string }).summary = "changed";
    first.paths = {};
    const next = apiDocument();
    expect(Object.keys(next.paths).length).toBeGreaterThanOrEqual(20);
    expect(next.paths["/tokens"].post.summary).toBe("Create an API token with e-mail and password");
  });
});
