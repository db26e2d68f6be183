// Submitting contributions through the API route handlers: receipts, numbering, the deadline to the millisecond,
// late requests, extensions, who may submit, forged metadata, authentication, the audit trail.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, contributions, extensions, lateRequests, meetings, organisations } from "@/db/schema";
import { pinClock } from "@/lib/time/clock";
import { DEMO_PASSWORD } from "@/lib/config/demo";
import { issueToken } from "@/lib/data/tokens";
import { freshEnv, SG20_DEADLINE, type TestEnv } from "../support/db";
import { makePdf, makeTemplateDocx } from "../support/make-docx";
import {
  ASSOCIATE_SG17,
  ASSOCIATE_SG20,
  deleteToken,
  expectNothingStored,
  getContributionJson,
  getFile,
  jsonOf,
  MEETING,
  metadata,
  organisationIdOf,
  postContribution,
  postContributionRaw,
  postLateRequest,
  RAPPORTEUR_Q3,
  refusedSince,
  SECRETARIAT,
  sha256,
  snapshot,
  storedFileList,
  storedPathOf,
  SWITZERLAND,
  TELCO,
  tempFileList,
  tokensFor,
  UNIVERSITY,
  userIdOf,
} from "../support/api";

const AT_1600 = Date.parse("2020-06-23T16:00:00.000Z");

function coverFor(title: string) {
  return makeTemplateDocx({
    questions: "Q3/20",
    studyGroup: "20",
    meeting: "Virtual, 6-16 July 2020",
    source: "Switzerland",
    title,
    purpose: "Proposal",
    contacts: [{ name: "Marc Dubois", organization: "OFCOM", country: "Switzerland", phone: "+41 58 460 55 00", email: "marc.dubois@admin-ch.example" }],
  });
}

// ---------------------------------------------------------------- a first submission and who may submit

describe("a member submits a contribution", () => {
  let env: TestEnv;
  let tokens: Record<string, string>;
  let docx: Buffer;
  let first: { id: number; sha256: string } | null = null;

  beforeAll(async () => {
    env = await freshEnv({ at: AT_1600 });
    tokens = await tokensFor([SWITZERLAND, TELCO, ASSOCIATE_SG17, RAPPORTEUR_Q3, SECRETARIAT]);
    docx = await coverFor("Proposed requirements for IoT device onboarding");
  });
  afterAll(() => env.cleanup());

  it("answers 201 with a receipt: number 1, its reference, the server's receipt time in Geneva time, the file's SHA-256; the file is stored by its hash", async () => {
    pinClock(AT_1600);
    const res = await postContribution(tokens[SWITZERLAND], { file: { bytes: docx, name: "SG20 proposal (Switzerland).docx" } });
    expect(res.status).toBe(201);
    const receipt = await jsonOf(res);
    expect(receipt).toMatchObject({
      meeting: MEETING,
      number: 1,
      reference: "T17-SG20-C-0001",
      displayNumber: "COM 20-C 1",
      version: "original",
      title: "Proposed requirements for IoT device onboarding",
      questions: ["Q3/20"],
      fileName: "SG20 proposal (Switzerland).docx",
      receivedAt: "2020-06-23T16:00:00.000Z",
      requestStartedAt: "2020-06-23T16:00:00.000Z",
      sha256: sha256(docx),
      size: docx.length,
      late: false,
      status: "active",
      lateRequestId: null,
    });
    expect(receipt.receivedAtGeneva).toMatch(/CEST \(UTC\+2\)$/);
    expect(receipt.receivedAtGeneva).toBe("Tue 23 Jun 2020, 18:00:00 CEST (UTC+2)");
    expect(res.headers.get("location")).toBe(`/api/v1/contributions/${receipt.id}`);

    const hash = sha256(docx);
    expect(storedFileList(env)).toEqual([`${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`]);
    expect(readFileSync(storedPathOf(env, hash)).equals(docx)).toBe(true);
    expect(tempFileList(env)).toEqual([]);

    const row = env.db.select().from(contributions).where(eq(contributions.id, receipt.id)).get()!;
    expect(row).toMatchObject({ number: 1, status: "active", organisationId: organisationIdOf(env, SWITZERLAND), submitterUserId: userIdOf(env, SWITZERLAND) });
    first = { id: receipt.id, sha256: hash };
  });

  it("serves the same bytes back from GET /contributions/{id}/file, named after the original file", async () => {
    expect(first).not.toBeNull();
    const res = await getFile(tokens[SWITZERLAND], first!.id);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(docx)).toBe(true);
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toContain('filename="SG20 proposal (Switzerland).docx"');
    // RFC 5987: parentheses are not attr-chars, so they are percent-encoded too (encodeURIComponent leaves them).
    expect(disposition).toContain("filename*=UTF-8''SG20%20proposal%20%28Switzerland%29.docx");
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(res.headers.get("content-length")).toBe(String(docx.length));
    expect(res.headers.get("etag")).toBe(`"${first!.sha256}"`);
  });

  it("records a contribution.submit audit entry carrying the file's SHA-256", () => {
    const rows = env.db.select().from(auditLog).where(eq(auditLog.action, "contribution.submit")).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entityType: "contribution", entityId: String(first!.id), actorUserId: userIdOf(env, SWITZERLAND) });
    expect(rows[0].details).toMatchObject({ number: 1, sha256: first!.sha256, size: docx.length, late: false, admittedBy: "on_time" });
  });

  it("ignores forged organisation, submitter, receipt time, number and status in the metadata", async () => {
    pinClock(AT_1600 + 5 * 60_000);
    const telcoOrg = organisationIdOf(env, TELCO);
    const forged = metadata({
      organisation: "Example Telecom Ltd",
      organisationId: telcoOrg,
      source: "Example Telecom Ltd",
      submitter: TELCO,
      submitterUserId: userIdOf(env, TELCO),
      receivedAt: "2020-06-01T00:00:00.000Z",
      requestStartedAt: "2020-06-01T00:00:00.000Z",
      number: 999,
      status: "withdrawn",
      late: false,
    });
    const bytes = await coverFor("Forged metadata");
    const res = await postContribution(tokens[SWITZERLAND], { metadata: forged, file: { bytes, name: "forged.docx" } });
    expect(res.status).toBe(201);
    const receipt = await jsonOf(res);
    expect(receipt).toMatchObject({ number: 2, reference: "T17-SG20-C-0002", receivedAt: "2020-06-23T16:05:00.000Z", status: "active" });
    const row = env.db.select().from(contributions).where(eq(contributions.id, receipt.id)).get()!;
    expect(row.organisationId).toBe(organisationIdOf(env, SWITZERLAND));
    expect(row.organisationId).not.toBe(telcoOrg);
    expect(row.submitterUserId).toBe(userIdOf(env, SWITZERLAND));
    expect(row.status).toBe("active");
    expect(row.number).toBe(2);
    const shown = await jsonOf(await getContributionJson(tokens[SWITZERLAND], receipt.id));
    const swiss = env.db.select().from(organisations).where(eq(organisations.id, row.organisationId)).get()!;
    expect(shown.source).toBe(swiss.name);
    expect(shown.versions[0].receivedAt).toBe("2020-06-23T16:05:00.000Z");
  });

  it("refuses an Associate of SG17 with 403 forbidden, naming SG17, and stores nothing", async () => {
    const before = snapshot(env);
    const res = await postContribution(tokens[ASSOCIATE_SG17], { file: { bytes: docx, name: "associate.docx" } });
    expect(res.status).toBe(403);
    const body = await jsonOf(res);
    expect(body.code).toBe("forbidden");
    expect(body.message).toContain("SG17");
    expect(body.message).toContain("SG20");
    expectNothingStored(env, before);
    expect(refusedSince(env, before).map((r) => [r.action, r.code])).toEqual([["submit", "forbidden"]]);
  });

  // Someone who may not submit at all is told 403 at once, without the server storing the file first.
  it("refuses someone who may not submit before reading the upload", async () => {
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const boundary = "----forbidden-early";
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
        c.enqueue(
          new TextEncoder().encode(
            `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n${JSON.stringify(metadata())}\r\n` +
              `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.docx"\r\n\r\n`,
          ),
        );
        c.enqueue(new Uint8Array(docx));
        // ...and the rest of a large file is still on its way.
      },
    });
    const pending = postContributionRaw(tokens[ASSOCIATE_SG17], {
      body: stream,
      duplex: "half",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    const early = await Promise.race([pending, new Promise<null>((resolve) => setTimeout(() => resolve(null), 1_000))]);
    controller.error(new Error("test over"));
    await pending;
    expect(tempFileList(env)).toEqual([]);
    expect(early?.status).toBe(403);
  });

  it("refuses a rapporteur and the secretariat (no member organisation) with 403 forbidden", async () => {
    for (const email of [RAPPORTEUR_Q3, SECRETARIAT]) {
      const before = snapshot(env);
      const res = await postContribution(tokens[email], { file: { bytes: docx, name: "not-a-member.docx" } });
      expect(res.status).toBe(403);
      const body = await jsonOf(res);
      expect(body.code).toBe("forbidden");
      expect(body.message).toMatch(/member organisation/);
      expectNothingStored(env, before);
    }
  });

  it("refuses Questions of another study group with 422 and a message on the questions field", async () => {
    const before = snapshot(env);
    const res = await postContribution(tokens[SWITZERLAND], { metadata: metadata({ questions: ["Q3/20", "Q1/17"] }), file: { bytes: docx, name: "q.docx" } });
    expect(res.status).toBe(422);
    const body = await jsonOf(res);
    expect(body.code).toBe("invalid");
    expect(body.fields.questions).toContain("Q1/17");
    expect(body.fields.questions).not.toContain("Q3/20");
    expectNothingStored(env, before);
  });

  it("answers 404 for an unknown meeting code and stores nothing", async () => {
    const before = snapshot(env);
    const res = await postContribution(tokens[SWITZERLAND], { file: { bytes: docx, name: "x.docx" } }, "SG20-2099-01");
    expect(res.status).toBe(404);
    const body = await jsonOf(res);
    expect(body.code).toBe("not_found");
    expect(body.message).toContain("SG20-2099-01");
    expectNothingStored(env, before);
  });

  it("answers 401 unauthenticated for a revoked token, for writes and reads alike", async () => {
    const issued = await issueToken(TELCO, DEMO_PASSWORD, "script to revoke", "test");
    if (!issued.ok) throw new Error(issued.key);
    const token = issued.value.token;
    // The token works until it is revoked.
    expect((await getContributionJson(token, first!.id)).status).toBe(200);
    const revoked = await deleteToken(token, issued.value.id);
    expect(revoked.status).toBe(200);
    expect(await jsonOf(revoked)).toEqual({ id: issued.value.id, revoked: true });

    const before = snapshot(env);
    const res = await postContribution(token, { file: { bytes: docx, name: "after-revocation.docx" } });
    expect(res.status).toBe(401);
    const body = await jsonOf(res);
    expect(body.code).toBe("unauthenticated");
    expect(body.message).toMatch(/revoked/);
    expectNothingStored(env, before);

    const read = await getContributionJson(token, first!.id);
    expect(read.status).toBe(401);
    expect((await jsonOf(read)).code).toBe("unauthenticated");
  });

  it("answers 401 for a token that was never issued", async () => {
    const res = await postContribution("ctk_not-a-real-token", { file: { bytes: docx, name: "x.docx" } });
    expect(res.status).toBe(401);
    expect((await jsonOf(res)).code).toBe("unauthenticated");
  });

  it("refuses a cross-site write without a token (403) before reading any session or body", async () => {
    const before = snapshot(env);
    const res = await postContribution(null, { file: { bytes: docx, name: "csrf.docx" } }, MEETING, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect((await jsonOf(res)).code).toBe("forbidden");
    expectNothingStored(env, before);
  });

  // Without a bearer token getApiWriter falls back to next-auth's getServerSession, which calls next/headers'
  // headers() and throws "`headers` was called outside a request scope" when the handler runs outside Next's
  // request context. The no-session case (401) is covered by the browser tests.
});

// ---------------------------------------------------------------- numbering under concurrency

describe("numbering under concurrent submissions", () => {
  let env: TestEnv;
  let tokens: Record<string, string>;
  const members = [SWITZERLAND, TELCO, UNIVERSITY, ASSOCIATE_SG20];
  let docs: Buffer[];

  beforeAll(async () => {
    env = await freshEnv({ at: AT_1600 });
    tokens = await tokensFor(members);
    docs = await Promise.all(Array.from({ length: 50 }, (_, i) => coverFor(`Concurrent contribution ${i + 1}`)));
  });
  afterAll(() => env.cleanup());

  it("gives 50 concurrent submissions from several members the numbers 1..50, with no gap and no duplicate", async () => {
    const responses = await Promise.all(
      docs.map((bytes, i) => postContribution(tokens[members[i % members.length]], { metadata: metadata({ title: `Concurrent contribution ${i + 1}` }), file: { bytes, name: `c${i + 1}.docx` } })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const receipts = await Promise.all(responses.map(jsonOf));
    const numbers = receipts.map((r) => r.number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    receipts.forEach((r, i) => {
      expect(r.sha256).toBe(sha256(docs[i]));
      expect(r.title).toBe(`Concurrent contribution ${i + 1}`);
      expect(r.reference).toBe(`T17-SG20-C-${String(r.number).padStart(4, "0")}`);
    });
    const rows = env.db.select().from(contributions).all();
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.number)).size).toBe(50);
    expect(storedFileList(env)).toHaveLength(50);
    expect(tempFileList(env)).toEqual([]);
    // One audit entry per submission, each with its file's hash.
    const audit = env.db.select().from(auditLog).where(eq(auditLog.action, "contribution.submit")).all();
    expect(audit).toHaveLength(50);
    expect(new Set(audit.map((a) => a.details.sha256))).toEqual(new Set(docs.map(sha256)));
  });
});

// ---------------------------------------------------------------- the deadline, late requests, extensions

describe("the deadline, to the millisecond", () => {
  let env: TestEnv;
  let tokens: Record<string, string>;
  let meetingId: number;
  let onTimeDoc: Buffer;
  let lateDoc: Buffer;
  let lateRequestDoc: Buffer;
  let extensionDoc: Buffer;
  const extensionUntil = Date.parse("2020-06-24T10:00:00.000Z");

  beforeAll(async () => {
    env = await freshEnv({ at: AT_1600 });
    tokens = await tokensFor([SWITZERLAND, TELCO, UNIVERSITY]);
    meetingId = env.db.select().from(meetings).where(eq(meetings.code, MEETING)).get()!.id;
    [onTimeDoc, lateDoc, lateRequestDoc, extensionDoc] = await Promise.all([
      coverFor("On time by one millisecond"),
      coverFor("Late by nothing"),
      coverFor("Filed as a late request"),
      coverFor("Under an extension"),
    ]);
  });
  afterAll(() => env.cleanup());

  it("admits a submission received at 23:59:59.999 Geneva time (201, late false)", async () => {
    pinClock(SG20_DEADLINE - 1);
    const res = await postContribution(tokens[SWITZERLAND], { file: { bytes: onTimeDoc, name: "on-time.docx" } });
    expect(res.status).toBe(201);
    const receipt = await jsonOf(res);
    expect(receipt).toMatchObject({ number: 1, late: false, status: "active", receivedAt: "2020-06-23T21:59:59.999Z" });
    expect(receipt.receivedAtGeneva).toBe("Tue 23 Jun 2020, 23:59:59 CEST (UTC+2)");
  });

  it("refuses a submission received at 00:00:00.000 Geneva time: 409 deadline_passed naming the deadline in Geneva time and the late request; nothing stored", async () => {
    pinClock(SG20_DEADLINE);
    const before = snapshot(env);
    const res = await postContribution(tokens[TELCO], { file: { bytes: lateDoc, name: "too-late.docx" } });
    expect(res.status).toBe(409);
    const body = await jsonOf(res);
    expect(body.code).toBe("deadline_passed");
    expect(body.message).toContain("Wed 24 Jun 2020, 00:00 CEST (UTC+2)");
    expect(body.message).toContain("Geneva time");
    expect(body.message).toMatch(/late submission request/);
    expect(body.details).toMatchObject({ deadline: "2020-06-23T22:00:00.000Z", receivedAt: "2020-06-23T22:00:00.000Z", lateByMs: 0, lateRequestAllowed: true });
    expectNothingStored(env, before);
    const refused = refusedSince(env, before);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ action: "submit", code: "deadline_passed", meetingId, fileName: "too-late.docx", size: lateDoc.length, at: SG20_DEADLINE, userId: userIdOf(env, TELCO) });
  });

  it("accepts the same document after the cutoff as a late request: 202, no number, awaiting a decision, stored and hashed", async () => {
    pinClock(SG20_DEADLINE + 30 * 60_000);
    const res = await postLateRequest(tokens[TELCO], { metadata: metadata({ title: "Filed as a late request", explanation: "Our national consultation ended late." }), file: { bytes: lateRequestDoc, name: "late.docx" } });
    expect(res.status).toBe(202);
    const receipt = await jsonOf(res);
    expect(receipt).toMatchObject({
      number: null,
      reference: null,
      status: "awaiting_decision",
      late: true,
      sha256: sha256(lateRequestDoc),
      size: lateRequestDoc.length,
      receivedAt: "2020-06-23T22:30:00.000Z",
    });
    expect(receipt.lateRequestId).toEqual(expect.any(Number));
    expect(res.headers.get("location")).toBe(`/api/v1/contributions/${receipt.id}`);
    expect(readFileSync(storedPathOf(env, receipt.sha256)).equals(lateRequestDoc)).toBe(true);
    const lr = env.db.select().from(lateRequests).where(eq(lateRequests.id, receipt.lateRequestId)).get()!;
    expect(lr).toMatchObject({ status: "awaiting_decision", kind: "new", contributionId: receipt.id, meetingId, organisationId: organisationIdOf(env, TELCO), explanation: "Our national consultation ended late.", requestedAt: SG20_DEADLINE + 30 * 60_000 });
    const row = env.db.select().from(contributions).where(eq(contributions.id, receipt.id)).get()!;
    expect(row).toMatchObject({ number: null, status: "late_request" });
    expect(tempFileList(env)).toEqual([]);
  });

  it("refuses a late request before the cutoff with 409 conflict (submit it normally) and stores nothing", async () => {
    pinClock(SG20_DEADLINE - 60 * 60_000);
    const before = snapshot(env);
    const res = await postLateRequest(tokens[UNIVERSITY], { file: { bytes: extensionDoc, name: "early.docx" } });
    expect(res.status).toBe(409);
    const body = await jsonOf(res);
    expect(body.code).toBe("conflict");
    expect(body.message).toMatch(/submit the contribution normally/);
    expectNothingStored(env, before);
    expect(refusedSince(env, before).map((r) => [r.action, r.code])).toEqual([["late_request", "conflict"]]);
  });

  it("admits at once, with a number but marked late, a submission inside an extension granted to the organisation", async () => {
    const secretariat = userIdOf(env, SECRETARIAT);
    env.db
      .insert(extensions)
      .values({ meetingId, organisationId: organisationIdOf(env, UNIVERSITY), untilAt: extensionUntil, reason: "Network outage", grantedByUserId: secretariat, grantedAt: SG20_DEADLINE + 60_000 })
      .run();
    pinClock(Date.parse("2020-06-24T01:00:00.000Z"));
    const res = await postContribution(tokens[UNIVERSITY], { file: { bytes: extensionDoc, name: "extension.docx" } });
    expect(res.status).toBe(201);
    const receipt = await jsonOf(res);
    expect(receipt).toMatchObject({ number: 2, reference: "T17-SG20-C-0002", late: true, status: "active", receivedAt: "2020-06-24T01:00:00.000Z" });
    const audit = env.db.select().from(auditLog).where(and(eq(auditLog.action, "contribution.submit"), eq(auditLog.entityId, String(receipt.id)))).get()!;
    expect(audit.details).toMatchObject({ late: true, admittedBy: "extension", sha256: sha256(extensionDoc) });
    // The GET of the document keeps the LATE mark.
    const shown = await jsonOf(await getContributionJson(tokens[UNIVERSITY], receipt.id));
    expect(shown).toMatchObject({ number: 2, late: true, status: "active" });
  });

  it("does not extend the deadline for other organisations, nor past the extension's end (exclusive)", async () => {
    pinClock(Date.parse("2020-06-24T01:00:00.000Z"));
    const other = await postContribution(tokens[TELCO], { file: { bytes: lateDoc, name: "not-ours.docx" } });
    expect(other.status).toBe(409);
    expect((await jsonOf(other)).code).toBe("deadline_passed");

    pinClock(extensionUntil);
    const pdf = makePdf("At the end of the extension");
    const before = snapshot(env);
    const over = await postContribution(tokens[UNIVERSITY], { file: { bytes: pdf, name: "over.pdf" } });
    expect(over.status).toBe(409);
    expect((await jsonOf(over)).code).toBe("deadline_passed");
    expectNothingStored(env, before);
  });

  it("does not let a revoked extension admit anything", async () => {
    const secretariat = userIdOf(env, SECRETARIAT);
    env.db
      .insert(extensions)
      .values({
        meetingId,
        organisationId: organisationIdOf(env, SWITZERLAND),
        untilAt: extensionUntil,
        reason: "Granted by mistake",
        grantedByUserId: secretariat,
        grantedAt: SG20_DEADLINE + 60_000,
        revokedAt: SG20_DEADLINE + 120_000,
        revokedByUserId: secretariat,
        revokeReason: "Wrong organisation",
      })
      .run();
    pinClock(Date.parse("2020-06-24T01:00:00.000Z"));
    const before = snapshot(env);
    const res = await postContribution(tokens[SWITZERLAND], { file: { bytes: makePdf("revoked extension"), name: "revoked.pdf" } });
    expect(res.status).toBe(409);
    expect((await jsonOf(res)).code).toBe("deadline_passed");
    expectNothingStored(env, before);
    // Only the on-time and the extension submissions hold numbers.
    const numbers = env.db.select({ n: contributions.number }).from(contributions).all().map((r) => r.n);
    expect(numbers.filter((n) => n !== null).sort()).toEqual([1, 2]);
  });
});

describe("retries with an Idempotency-Key", () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await freshEnv({ at: AT_1600 });
  });
  afterAll(() => env.cleanup());

  it("a retry whose first answer was lost gets the same receipt, and nothing is stored twice", async () => {
    pinClock(Date.parse("2020-06-23T15:00:00.000Z"));
    const tokens = await tokensFor([TELCO]);
    const key = "retry-3f2a9c1e-7b44-4d1a-9a51-2d7f0e8b6c10";
    const body = { file: { bytes: makePdf("idempotent"), name: "retry.pdf" } };
    const first = await postContribution(tokens[TELCO], body, MEETING, { "idempotency-key": key });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBe("false");
    const receipt = await jsonOf(first);
    const before = snapshot(env);
    pinClock(Date.parse("2020-06-23T15:05:00.000Z"));
    const again = await postContribution(tokens[TELCO], body, MEETING, { "idempotency-key": key });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const replay = await jsonOf(again);
    expect(replay).toMatchObject({ id: receipt.id, number: receipt.number, versionId: receipt.versionId, receivedAt: receipt.receivedAt, sha256: receipt.sha256, replayed: true });
    expectNothingStored(env, before);
    // Concurrent retries: one row, the same receipt for all.
    const key2 = "retry-concurrent-0001";
    const answers = await Promise.all([1, 2, 3, 4].map(() => postContribution(tokens[TELCO], { file: { bytes: makePdf("concurrent"), name: "c.pdf" } }, MEETING, { "idempotency-key": key2 })));
    const bodies = await Promise.all(answers.map(jsonOf));
    expect(new Set(bodies.map((b) => b.versionId)).size).toBe(1);
    expect(tempFileList(env)).toEqual([]);
  });

  it("refuses a malformed key before storing anything", async () => {
    const tokens = await tokensFor([TELCO]);
    const res = await postContribution(tokens[TELCO], { file: { bytes: makePdf("bad key"), name: "b.pdf" } }, MEETING, { "idempotency-key": "short" });
    expect(res.status).toBe(422);
    expect(tempFileList(env)).toEqual([]);
  });
});
