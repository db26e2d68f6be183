// Hostile documents against POST /api/v1/cover-page on the built server (issue 10): a 20 KB DOCX holding 19 MB of text
// once kept the reader busy for a minute and came back as a 19 MB title, and three in parallel stalled everyone.
//
// Now the cover-page route judges the file as a submission would (the same refusal, word for word), reads at most a
// fixed budget of XML, and caps every field. The bounds below are generous: they catch a quadratic read or a stall,
// they do not measure speed (the benchmark does).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_TITLE } from "@/lib/validation/contribution";
import { makeTemplateDocx } from "@/tests/support/make-docx";
import { MEETING, removeDir, ROOT, tempRoot } from "./server";
import { issueToken, send, startSeededServer, stopStartedServers, uploadBody, multipart, type Res, type Srv } from "./http";

const PORT = 3541;
const A = "delegate@admin-ch.example";
const MIB = 1024 * 1024;

let srv: Srv;
let root = "";
let token = "";

beforeAll(async () => {
  root = tempRoot("hostile-cover");
  srv = await startSeededServer(path.join(root, "data"), PORT);
  token = (await issueToken(srv, A, "hostile cover")).token;
}, 120_000);

afterAll(async () => {
  await stopStartedServers();
  if (root) removeDir(root);
});

async function readCover(data: Buffer, name = "contribution.docx"): Promise<{ res: Res; ms: number }> {
  const { body, contentType } = multipart([{ name: "file", filename: name, data }]);
  const started = performance.now();
  const res = await send(srv, "POST", "/api/v1/cover-page", { token, body, headers: { "content-type": contentType }, timeoutMs: 120_000 });
  return { res, ms: performance.now() - started };
}

async function submit(data: Buffer, name = "contribution.docx"): Promise<Res> {
  const metadata = {
    title: "Hostile cover",
    questions: ["Q3/20"],
    purpose: "Proposal",
    contacts: [{ name: "Marc Dubois", organization: "OFCOM", country: "Switzerland", phone: "", email: "marc.dubois@admin-ch.example" }],
  };
  const { body, contentType } = uploadBody(metadata, { name, data });
  return send(srv, "POST", `/api/v1/meetings/${MEETING}/contributions`, { token, body, headers: { "content-type": contentType }, timeoutMs: 120_000 });
}

/** The parts of an error answer that a client sees. */
function refusal(res: Res) {
  const body = res.json();
  return { status: res.status, code: body.code, message: body.message, reason: body.details?.reason, file: body.fields?.file };
}

describe("POST /api/v1/cover-page against hostile documents", () => {
  it("refuses the 20 KB DOCX of 19 MB of text at once, with the very refusal a submission of it gets", async () => {
    const docx = await makeTemplateDocx({ questions: "Q3/20", title: "x".repeat(19 * MIB) });
    expect(docx.length).toBeLessThan(100 * 1024);
    const { res, ms } = await readCover(docx);
    expect(res.status, res.text()).toBe(415);
    expect(refusal(res)).toEqual(refusal(await submit(docx)));
    expect(refusal(res)).toMatchObject({ code: "unsupported_type", reason: "zip_bomb" });
    expect(ms).toBeLessThan(5000);
  });

  it("answers a 19 MB title that is no ZIP bomb quickly, capped at the submission's limit", async () => {
    // Random text does not compress: a 14 MB upload whose document.xml holds 19 MB, which the bomb rule lets through.
    const title = randomBytes(Math.ceil((19 * MIB * 3) / 4)).toString("base64");
    const docx = await makeTemplateDocx({ questions: "3, 6/20", source: "Hostile client", title, abstract: "After the title" });
    expect(docx.length).toBeGreaterThan(10 * MIB);
    const { res, ms } = await readCover(docx);
    expect(res.status, res.text()).toBe(200);
    const body = res.json();
    expect(body.found).toBe(true);
    expect(body.cover).toMatchObject({ questions: ["Q3/20", "Q6/20"], source: "Hostile client", title: title.slice(0, MAX_TITLE), abstract: null });
    expect(res.body.length).toBeLessThan(10_000);
    // The upload itself (14 MB, hashed to disk) is most of this.
    expect(ms).toBeLessThan(20_000);
  }, 60_000);

  it("answers the largest compressible text the bomb rule lets through (9 MB) within its bound, and three in parallel stall no one", async () => {
    const docx = await makeTemplateDocx({ questions: "Q3/20", title: "y".repeat(9 * MIB), abstract: "Never reached" });
    expect(docx.length).toBeLessThan(100 * 1024);

    const alone = await readCover(docx);
    expect(alone.res.status, alone.res.text()).toBe(200);
    expect(alone.res.json().cover).toMatchObject({ title: "y".repeat(MAX_TITLE), abstract: null });
    expect(alone.ms).toBeLessThan(3000);

    const hostile = [readCover(docx), readCover(docx), readCover(docx)];
    // Another client, while the three are being read.
    const probeStarted = performance.now();
    const probe = await send(srv, "GET", `/api/v1/meetings/${MEETING}`, { token, timeoutMs: 30_000 });
    const probeMs = performance.now() - probeStarted;
    expect(probe.status).toBe(200);
    expect(probeMs).toBeLessThan(3000);
    for (const { res, ms } of await Promise.all(hostile)) {
      expect(res.status).toBe(200);
      expect(res.json().cover.title).toHaveLength(MAX_TITLE);
      expect(ms).toBeLessThan(5000);
    }
  });

  it("refuses a macro-enabled document as a submission does", async () => {
    const docm = await makeTemplateDocx({ title: "Macro" }, { macro: true });
    const { res } = await readCover(docm);
    expect(refusal(res)).toMatchObject({ status: 415, code: "unsupported_type", reason: "macro_enabled" });
    expect(refusal(res)).toEqual(refusal(await submit(docm)));
  });

  it("reads Keywords and Abstract from the table after the cover, as python-docx writes ITU's layout", async () => {
    const { res } = await readCover(readFileSync(path.join(ROOT, "tests/fixtures/cover/python-docx-itu-layout.docx")));
    expect(res.status).toBe(200);
    expect(res.json().cover).toMatchObject({
      questions: ["Q3/20", "Q6/20"],
      keywords: ["IoT", "device onboarding", "security"],
      abstract: "This contribution proposes requirements for onboarding IoT devices.\nIt builds on Y.4100 and Y.4200.",
    });
  });
});
