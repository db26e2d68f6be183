// Revisions, addenda, late revision requests, withdrawal, and what another organisation may see or do.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { contributions, contributionVersions, lateRequests } from "@/db/schema";
import { pinClock } from "@/lib/time/clock";
import { freshEnv, SG20_DEADLINE, type TestEnv } from "../support/db";
import { makePdf, makeTemplateDocx } from "../support/make-docx";
import {
  expectNothingStored,
  getContributionJson,
  getFile,
  jsonOf,
  listContributions,
  metadata,
  postContribution,
  postLateRequest,
  postRevision,
  postWithdrawal,
  refusedSince,
  sha256,
  snapshot,
  storedPathOf,
  SWITZERLAND,
  TELCO,
  tempFileList,
  tokensFor,
  UNIVERSITY,
  type Json,
} from "../support/api";

const at = (iso: string) => Date.parse(iso);

let env: TestEnv;
let tokens: Record<string, string>;
let docs: Record<"original" | "rev1" | "rev2" | "add1" | "lateRev" | "refusedRev" | "other" | "telco" | "late" | "withdrawn", Buffer>;

/** Submits a contribution and returns its receipt. */
async function submit(token: string, bytes: Buffer, name: string, title: string): Promise<Json> {
  const res = await postContribution(token, { metadata: metadata({ title }), file: { bytes, name } });
  expect(res.status).toBe(201);
  return jsonOf(res);
}

beforeAll(async () => {
  env = await freshEnv({ at: at("2020-06-23T16:00:00.000Z") });
  tokens = await tokensFor([SWITZERLAND, TELCO, UNIVERSITY]);
  const cover = (title: string) => makeTemplateDocx({ questions: "Q3/20", title, purpose: "Proposal" });
  const [original, rev1, rev2, lateRev, refusedRev, other, telco, withdrawn] = await Promise.all([
    cover("Original"),
    cover("Rev.1"),
    cover("Rev.2"),
    cover("Late Rev.3"),
    cover("Refused revision"),
    cover("Another organisation's attempt"),
    cover("Telco's own contribution"),
    cover("To be withdrawn"),
  ]);
  docs = { original, rev1, rev2, add1: makePdf("Addendum 1: test results"), lateRev, refusedRev, other, telco, late: makePdf("A late request"), withdrawn };
});

afterAll(() => env.cleanup());

// ---------------------------------------------------------------- revisions

describe("revisions and addenda", () => {
  let id: number;
  let number: number;
  const versionIds: Record<string, number> = {};

  it("Rev.1 and Rev.2 keep the number, each with its own receipt time and late mark", async () => {
    pinClock(at("2020-06-23T16:00:00.000Z"));
    const original = await submit(tokens[SWITZERLAND], docs.original, "original.docx", "Smart city onboarding");
    id = original.id;
    number = original.number;
    versionIds.original = original.versionId;

    pinClock(at("2020-06-23T17:00:00.000Z"));
    const r1 = await postRevision(tokens[SWITZERLAND], id, { metadata: { title: "Smart city onboarding (revised)", note: "editorial" }, file: { bytes: docs.rev1, name: "rev1.docx" } });
    expect(r1.status).toBe(201);
    const rev1 = await jsonOf(r1);
    expect(rev1).toMatchObject({ id, number, displayNumber: `COM 20-C ${number}`, version: "Rev.1", receivedAt: "2020-06-23T17:00:00.000Z", late: false, status: "active", sha256: sha256(docs.rev1) });
    expect(rev1.receivedAtGeneva).toBe("Tue 23 Jun 2020, 19:00:00 CEST (UTC+2)");
    versionIds.rev1 = rev1.versionId;

    pinClock(at("2020-06-23T21:59:59.999Z"));
    // Without any metadata part: a revision's metadata is optional.
    const r2 = await postRevision(tokens[SWITZERLAND], id, { metadata: null, file: { bytes: docs.rev2, name: "rev2.docx" } });
    expect(r2.status).toBe(201);
    const rev2 = await jsonOf(r2);
    expect(rev2).toMatchObject({ id, number, version: "Rev.2", receivedAt: "2020-06-23T21:59:59.999Z", late: false, title: "Smart city onboarding (revised)" });
    versionIds.rev2 = rev2.versionId;

    // A field the revision leaves out keeps its value: the abstract and keywords survive a file-only revision.
    expect(env.db.select().from(contributions).where(eq(contributions.id, id)).get()).toMatchObject({
      number,
      title: "Smart city onboarding (revised)",
      abstract: "This contribution proposes requirements.",
      keywords: "IoT; onboarding",
    });
    expect(readFileSync(storedPathOf(env, rev2.sha256)).equals(docs.rev2)).toBe(true);
  });

  it("numbers an addendum Add.1, beside the revisions", async () => {
    pinClock(at("2020-06-23T21:59:59.999Z"));
    const res = await postRevision(tokens[SWITZERLAND], id, { metadata: { kind: "addendum" }, file: { bytes: docs.add1, name: "addendum.pdf" } });
    expect(res.status).toBe(201);
    const add = await jsonOf(res);
    expect(add).toMatchObject({ id, number, version: "Add.1", late: false });
    versionIds.add1 = add.versionId;
  });

  it("refuses a revision after the cutoff with 409 deadline_passed and stores nothing", async () => {
    pinClock(SG20_DEADLINE);
    const before = snapshot(env);
    const res = await postRevision(tokens[SWITZERLAND], id, { file: { bytes: docs.refusedRev, name: "too-late-rev.docx" } });
    expect(res.status).toBe(409);
    const body = await jsonOf(res);
    expect(body.code).toBe("deadline_passed");
    expect(body.message).toContain("Wed 24 Jun 2020, 00:00 CEST (UTC+2)");
    expect(body.message).toMatch(/late revision request/);
    expectNothingStored(env, before);
    expect(refusedSince(env, before).map((r) => [r.action, r.code, r.contributionId])).toEqual([["revise", "deadline_passed", id]]);
  });

  it("files it with ?asLateRequest=1 instead: 202, a pending Rev.3, while the current version stays Rev.2", async () => {
    pinClock(at("2020-06-23T23:15:00.000Z"));
    const res = await postRevision(
      tokens[SWITZERLAND],
      id,
      { metadata: { title: "Title the late revision would set", explanation: "Comments from our regulator" }, file: { bytes: docs.lateRev, name: "late-rev.docx" } },
      { asLateRequest: true },
    );
    expect(res.status).toBe(202);
    const receipt = await jsonOf(res);
    expect(receipt).toMatchObject({ id, number, version: "Rev.3", status: "awaiting_decision", late: true, receivedAt: "2020-06-23T23:15:00.000Z", sha256: sha256(docs.lateRev) });
    // Nothing of the pending revision reaches the contribution until it is admitted.
    expect(receipt.title).toBe("Smart city onboarding (revised)");
    versionIds.lateRev = receipt.versionId;
    const version = env.db.select().from(contributionVersions).where(eq(contributionVersions.id, receipt.versionId)).get()!;
    expect(version.state).toBe("pending");
    const lr = env.db.select().from(lateRequests).where(eq(lateRequests.versionId, receipt.versionId)).get()!;
    expect(lr).toMatchObject({ kind: "revision", status: "awaiting_decision", contributionId: id, explanation: "Comments from our regulator" });
    expect(receipt.lateRequestId).toBe(lr.id);

    // The current version (the download without ?version) is still Rev.2.
    const file = await getFile(tokens[SWITZERLAND], id);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(docs.rev2)).toBe(true);
    expect(env.db.select().from(contributions).where(eq(contributions.id, id)).get()!.status).toBe("active");
  });

  it("lists the versions in order on GET /contributions/{id}, each with its receipt time, late mark and state", async () => {
    const res = await getContributionJson(tokens[SWITZERLAND], id);
    expect(res.status).toBe(200);
    const c = await jsonOf(res);
    expect(c).toMatchObject({ id, number, status: "active", late: false, title: "Smart city onboarding (revised)" });
    expect(c.versions.map((v: Json) => [v.version, v.receivedAt, v.late, v.state])).toEqual([
      ["Original", "2020-06-23T16:00:00.000Z", false, "accepted"],
      ["Rev.1", "2020-06-23T17:00:00.000Z", false, "accepted"],
      ["Rev.2", "2020-06-23T21:59:59.999Z", false, "accepted"],
      ["Add.1", "2020-06-23T21:59:59.999Z", false, "accepted"],
      ["Rev.3", "2020-06-23T23:15:00.000Z", true, "pending"],
    ]);
    expect(c.versions.map((v: Json) => v.sha256)).toEqual([docs.original, docs.rev1, docs.rev2, docs.add1, docs.lateRev].map(sha256));
    expect(c.versions[4].receivedAtGeneva).toBe("Wed 24 Jun 2020, 01:15:00 CEST (UTC+2)");
    expect(c.lateRequest).toMatchObject({ status: "awaiting_decision" });

    // Each version can be downloaded by its id.
    const add = await getFile(tokens[SWITZERLAND], id, versionIds.add1);
    expect(add.status).toBe(200);
    expect(Buffer.from(await add.arrayBuffer()).equals(docs.add1)).toBe(true);
    expect(add.headers.get("content-type")).toBe("application/pdf");
  });

  it("shows another member only the admitted versions: the pending one is not listed and its file is 404", async () => {
    const res = await getContributionJson(tokens[TELCO], id);
    expect(res.status).toBe(200);
    const c = await jsonOf(res);
    expect(c.versions.map((v: Json) => v.version)).toEqual(["Original", "Rev.1", "Rev.2", "Add.1"]);
    // Nor that a late revision request waits for a decision: its state is the submitter's and the secretariat's business.
    expect(c.lateRequest).toBeNull();
    expect(JSON.stringify(c)).not.toMatch(/awaiting_decision|Comments from our regulator/);
    const pending = await getFile(tokens[TELCO], id, versionIds.lateRev);
    expect(pending.status).toBe(404);
    expect((await jsonOf(pending)).code).toBe("not_found");
    const current = await getFile(tokens[TELCO], id);
    expect(current.status).toBe(200);
    expect(Buffer.from(await current.arrayBuffer()).equals(docs.rev2)).toBe(true);
  });

  it("lets another organisation read an admitted contribution but not revise or withdraw it (404 not_found)", async () => {
    pinClock(at("2020-06-23T23:30:00.000Z"));
    const before = snapshot(env);
    const rev = await postRevision(tokens[TELCO], id, { file: { bytes: docs.other, name: "hijack.docx" } });
    expect(rev.status).toBe(404);
    expect((await jsonOf(rev)).code).toBe("not_found");
    const lateRev = await postRevision(tokens[TELCO], id, { file: { bytes: docs.other, name: "hijack.docx" } }, { asLateRequest: true });
    expect(lateRev.status).toBe(404);
    const wd = await postWithdrawal(tokens[TELCO], id, { reason: "Not ours, but let us try" });
    expect(wd.status).toBe(404);
    expect((await jsonOf(wd)).code).toBe("not_found");
    expectNothingStored(env, before);
    expect(env.db.select().from(contributions).where(eq(contributions.id, id)).get()!.status).toBe("active");
  });
});

// ---------------------------------------------------------------- a document that is not admitted

describe("a late request of another organisation", () => {
  let id: number;

  beforeAll(async () => {
    pinClock(at("2020-06-24T08:00:00.000Z"));
    const res = await postLateRequest(tokens[UNIVERSITY], { metadata: metadata({ title: "University late request" }), file: { bytes: docs.late, name: "late.pdf" } });
    expect(res.status).toBe(202);
    id = (await jsonOf(res)).id;
  });

  it("is 404 not_found (not 403) to another member: GET, file, revision, withdrawal", async () => {
    const before = snapshot(env);
    for (const res of [
      await getContributionJson(tokens[TELCO], id),
      await getFile(tokens[TELCO], id),
      await postRevision(tokens[TELCO], id, { file: { bytes: docs.other, name: "x.docx" } }),
      await postRevision(tokens[TELCO], id, { file: { bytes: docs.other, name: "x.docx" } }, { asLateRequest: true }),
      await postWithdrawal(tokens[TELCO], id, { reason: "Let us try anyway" }),
    ]) {
      expect(res.status).toBe(404);
      const body = await jsonOf(res);
      expect(body.code).toBe("not_found");
      expect(body.message).toBe("There is no such document, or you do not have access to it.");
    }
    expectNothingStored(env, before);
    // Answering 404 for someone else's document and for a document that does not exist alike.
    const missing = await getContributionJson(tokens[TELCO], 99_999);
    expect(missing.status).toBe(404);
    expect(await jsonOf(missing)).toEqual({ code: "not_found", message: "There is no such document, or you do not have access to it." });
  });

  it("is not in another member's list of the meeting, but is in its own organisation's", async () => {
    const others = (await jsonOf(await listContributions(tokens[TELCO]))).contributions as Json[];
    expect(others.map((c) => c.id)).not.toContain(id);
    const own = (await jsonOf(await listContributions(tokens[UNIVERSITY]))).contributions as Json[];
    expect(own.find((c) => c.id === id)).toMatchObject({ status: "late_request", number: null });
  });

  it("cannot be revised by its own organisation while it awaits the decision (409 conflict)", async () => {
    const before = snapshot(env);
    const res = await postRevision(tokens[UNIVERSITY], id, { file: { bytes: docs.other, name: "x.docx" } }, { asLateRequest: true });
    expect(res.status).toBe(409);
    const body = await jsonOf(res);
    expect(body.code).toBe("conflict");
    expect(body.message).toMatch(/awaiting the secretariat's decision/);
    expectNothingStored(env, before);
  });
});

// ---------------------------------------------------------------- withdrawal

describe("withdrawal", () => {
  let id: number;
  let number: number;
  let telcoId: number;

  beforeAll(async () => {
    // Back before the cutoff for this part of the story (the clock is pinned, so it can be moved freely).
    pinClock(at("2020-06-23T18:00:00.000Z"));
    const receipt = await submit(tokens[SWITZERLAND], docs.withdrawn, "withdrawn.docx", "To be withdrawn");
    id = receipt.id;
    number = receipt.number;
    telcoId = (await submit(tokens[TELCO], docs.telco, "telco.docx", "Telco's own contribution")).id;
  });

  it("refuses a withdrawal without a reason (422) and changes nothing", async () => {
    for (const body of [{}, { reason: "" }, { reason: "x" }, "not json"]) {
      const res = await postWithdrawal(tokens[SWITZERLAND], id, body);
      expect(res.status).toBe(422);
      expect((await jsonOf(res)).code).toBe("invalid");
    }
    const res = await postWithdrawal(tokens[SWITZERLAND], id, {});
    expect((await jsonOf(res)).fields.reason).toBeDefined();
    expect(env.db.select().from(contributions).where(eq(contributions.id, id)).get()!.status).toBe("active");
  });

  it("withdraws with a reason: 200, status withdrawn, the number kept", async () => {
    pinClock(at("2020-06-23T19:00:00.000Z"));
    const res = await postWithdrawal(tokens[SWITZERLAND], id, { reason: "Merged into a joint contribution" });
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toEqual({ id, status: "withdrawn", withdrawnAt: "2020-06-23T19:00:00.000Z" });
    const row = env.db.select().from(contributions).where(eq(contributions.id, id)).get()!;
    expect(row).toMatchObject({ status: "withdrawn", number, withdrawnReason: "Merged into a joint contribution" });
    const shown = await jsonOf(await getContributionJson(tokens[SWITZERLAND], id));
    expect(shown).toMatchObject({ number, status: "withdrawn", reference: `T17-SG20-C-${String(number).padStart(4, "0")}`, withdrawn: { reason: "Merged into a joint contribution", at: "2020-06-23T19:00:00.000Z" } });
    expect(shown.versions).toHaveLength(1);
  });

  it("takes it out of the meeting's list for other members, keeps it in the organisation's own view", async () => {
    const others = (await jsonOf(await listContributions(tokens[TELCO]))).contributions as Json[];
    expect(others.map((c) => c.id)).not.toContain(id);
    expect(others.map((c) => c.id)).toContain(telcoId);
    const own = (await jsonOf(await listContributions(tokens[SWITZERLAND]))).contributions as Json[];
    expect(own.find((c) => c.id === id)).toMatchObject({ status: "withdrawn", number });
    expect(own.map((c) => c.id)).toContain(telcoId);
    // Nor can another member open it any more.
    expect((await getContributionJson(tokens[TELCO], id)).status).toBe(404);
  });

  it("refuses to revise (409 conflict) or withdraw again (409 conflict) a withdrawn contribution", async () => {
    const before = snapshot(env);
    const rev = await postRevision(tokens[SWITZERLAND], id, { file: { bytes: docs.other, name: "after-withdrawal.docx" } });
    expect(rev.status).toBe(409);
    const body = await jsonOf(rev);
    expect(body.code).toBe("conflict");
    expect(body.message).toMatch(/withdrawn/);
    expectNothingStored(env, before);
    expect(refusedSince(env, before).map((r) => [r.action, r.code])).toEqual([["revise", "conflict"]]);
    const again = await postWithdrawal(tokens[SWITZERLAND], id, { reason: "Once more" });
    expect(again.status).toBe(409);
    expect((await jsonOf(again)).code).toBe("conflict");
    expect(tempFileList(env)).toEqual([]);
  });

  it("never hands the withdrawn number to a new contribution", async () => {
    pinClock(at("2020-06-23T20:00:00.000Z"));
    const next = await submit(tokens[UNIVERSITY], makePdf("after the withdrawal"), "next.pdf", "Next");
    const numbers = env.db.select({ n: contributions.number }).from(contributions).all().map((r) => r.n).filter((n): n is number => n !== null);
    expect(next.number).toBe(Math.max(...numbers));
    expect(numbers.filter((n) => n === number)).toHaveLength(1);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
