// E-mail: the queue written in the committing transaction, the worker that sends it (retries, back-off, giving up),
// the words of receipts, decisions and contact notices, the rule for contacts, and the demo's outbox and who reads it.
import net from "node:net";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { and, asc, eq, isNull, lte } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  contributionContacts,
  contributionQuestions,
  contributions,
  contributionVersions,
  lateRequests,
  mailQueue,
  meetings,
  questions,
  secretariatAssignments,
  storedFiles,
  studyGroups,
  users,
  type QueuedMail,
} from "@/db/schema";
import { loadActor } from "@/lib/data/actor";
import { createPasswordResetLink } from "@/lib/data/password-links";
import { commitTogether } from "@/lib/data/group-commit";
import { decideLateRequest } from "@/lib/data/late-decisions";
import { MAX_CONTACTS_TOLD, queueDecisionMail, queueReceiptMail } from "@/lib/data/notifications";
import { getOutboxMessage, listOutbox, outboxInApp, parseEml } from "@/lib/data/outbox";
import { closeMailTransports, sendMail } from "@/lib/mail/transport";
import { deliverDueMail, MAX_ATTEMPTS, retryDelayMs, startMailWorker, stopMailWorker } from "@/lib/mail/worker";
import { now, pinClock, systemNow } from "@/lib/time/clock";
import type { Actor } from "@/lib/auth/permissions";
import { SG20_MEETING_CODE } from "@/lib/config/demo";
import { freshEnv, SG20_DEADLINE, type TestEnv } from "../support/db";
import { makePdf } from "../support/make-docx";
import { CONTACT, jsonOf, metadata, postContribution, tokenFor } from "../support/api";
import { startSmtpServer } from "../support/smtp";

const SECRETARIAT = "tsb.sg20@secretariat.example";
const TELCO = "delegate@telco.example";
const UNIVERSITY = "delegate@university.example";
const RAPPORTEUR_Q3 = "rapporteur.q3@sg20.example";
const ASSOCIATE_SG17 = "delegate@associate-sg17.example";
/** An account of Example Telecom besides the delegate: a colleague of the submitter. */
const TELCO_EDITOR = "editor@telco.example";
/** An account of another organisation, who reads Russian. */
const SWISS_RU = "ru.expert@admin-ch.example";
/** The SG17 counsellor: secretariat of another study group. */
const SG17_SECRETARIAT = "tsb.sg17@secretariat.example";
const T0 = Date.parse("2020-06-23T16:00:00.000Z");

let env: TestEnv;
let sg20: number;

function addAccount(email: string, name: string, organisationOf: string | null, locale: string | null = null): number {
  const organisationId = organisationOf === null ? null : env.db.select().from(users).where(eq(users.email, organisationOf)).get()!.organisationId;
  return env.db.insert(users).values({ email, name, passwordHash: "x", organisationId, locale, createdAt: T0 }).returning().get().id;
}

beforeAll(async () => {
  env = await freshEnv({ at: T0 });
  sg20 = env.db.select().from(studyGroups).where(eq(studyGroups.code, "SG20")).get()!.id;
  addAccount(TELCO_EDITOR, "Telco Editor", TELCO);
  addAccount(SWISS_RU, "Swiss expert", "delegate@admin-ch.example", "ru");
  const sg17 = env.db.select().from(studyGroups).where(eq(studyGroups.code, "SG17")).get()!.id;
  env.db.insert(secretariatAssignments).values({ userId: addAccount(SG17_SECRETARIAT, "SG17 counsellor", null), studyGroupId: sg17 }).run();
});

afterAll(() => env.cleanup());

beforeEach(() => {
  // The demo: mail goes to the outbox, which the app shows. Each test starts with an empty queue.
  vi.stubEnv("DEMO_MODE", "1");
  vi.stubEnv("SMTP_URL", "");
  pinClock(T0);
  env.db.$client.exec("DELETE FROM mail_queue");
});

afterEach(async () => {
  await stopMailWorker();
  closeMailTransports();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

function outbox(): string {
  return path.join(env.dataDir, "outbox");
}

function emlFiles(): string[] {
  try {
    return readdirSync(outbox())
      .filter((f) => f.endsWith(".eml"))
      .sort();
  } catch {
    return [];
  }
}

function actor(email: string): Actor {
  const row = env.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!;
  return loadActor(row.id)!;
}

function queueRows(): QueuedMail[] {
  return env.db.select().from(mailQueue).orderBy(mailQueue.id).all();
}

let fileCounter = 0;

/** Inserts a received version the way the save pipeline would, and returns its ids. */
function insertVersion(opts: {
  submitter: string;
  receivedAt: number;
  title: string;
  contacts: string[];
  number: number | null;
  lateRequest?: boolean;
}): { contributionId: number; versionId: number; sha256: string; organisationId: number } {
  const db = env.db;
  const user = actor(opts.submitter);
  const meeting = db.select().from(meetings).where(eq(meetings.code, SG20_MEETING_CODE)).get()!;
  const q3 = db.select().from(questions).where(eq(questions.code, "Q3/20")).get()!;
  fileCounter += 1;
  const sha256 = fileCounter.toString(16).padStart(64, "a");
  const file = db
    .insert(storedFiles)
    .values({ sha256, size: 48_213, mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", kind: "docx", createdAt: opts.receivedAt })
    .returning()
    .get();
  const c = db
    .insert(contributions)
    .values({
      meetingId: meeting.id,
      studyGroupId: meeting.studyGroupId,
      studyPeriodId: meeting.studyPeriodId,
      number: opts.number,
      organisationId: user.organisation!.id,
      submitterUserId: user.userId,
      title: opts.title,
      purpose: "Proposal",
      status: opts.lateRequest ? "late_request" : "active",
      createdAt: opts.receivedAt,
      updatedAt: opts.receivedAt,
    })
    .returning()
    .get();
  db.insert(contributionQuestions).values({ contributionId: c.id, questionId: q3.id }).run();
  opts.contacts.forEach((email, position) =>
    db.insert(contributionContacts).values({ contributionId: c.id, position, name: `Contact ${position}`, organization: "Example", country: "CH", email }).run(),
  );
  const v = db
    .insert(contributionVersions)
    .values({
      contributionId: c.id,
      kind: "original",
      ordinal: 0,
      fileId: file.id,
      originalName: "proposal-q3.docx",
      submittedByUserId: user.userId,
      requestStartedAt: opts.receivedAt - 1500,
      receivedAt: opts.receivedAt,
      state: opts.lateRequest ? "pending" : "accepted",
    })
    .returning()
    .get();
  if (opts.lateRequest) {
    db.insert(lateRequests)
      .values({
        meetingId: meeting.id,
        contributionId: c.id,
        versionId: v.id,
        kind: "new",
        requestedByUserId: user.userId,
        organisationId: user.organisation!.id,
        requestedAt: opts.receivedAt,
        status: "awaiting_decision",
      })
      .run();
  }
  return { contributionId: c.id, versionId: v.id, sha256, organisationId: user.organisation!.id };
}

/** Queues a version's mail in a transaction of its own, as the save pipeline does in its own. */
function queueReceipt(v: ReturnType<typeof insertVersion>, submitter: string): void {
  env.db.transaction((tx) =>
    queueReceiptMail(tx, { versionId: v.versionId, contributionId: v.contributionId, organisationId: v.organisationId, studyGroupId: sg20, submitterEmail: submitter, at: now() }),
  );
}

type Parsed = ReturnType<typeof parseEml> & { raw: string };

/** The .eml files written while `action` ran, parsed, in name order. */
async function newMessages(action: () => Promise<unknown>): Promise<Parsed[]> {
  const before = new Set(emlFiles());
  await action();
  return emlFiles()
    .filter((f) => !before.has(f))
    .map((f) => {
      const raw = readFileSync(path.join(outbox(), f), "latin1");
      return { ...parseEml(f.slice(0, -4), raw), raw };
    });
}

async function deliverNow(): Promise<Parsed[]> {
  return newMessages(() => deliverDueMail());
}

async function waitFor(condition: () => boolean, ms = 5_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited > ms) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A port nothing listens on: a relay that is down. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe("sendMail", () => {
  it("in the demo, writes an .eml into DATA_DIR/outbox with the subject, the recipients, the sender and the pinned clock's date", async () => {
    let result: Awaited<ReturnType<typeof sendMail>> | undefined;
    const [message] = await newMessages(async () => {
      result = await sendMail({ to: [TELCO], cc: ["contact@example.org"], subject: "Test receipt — Genève", text: "Hello, Genève.\nSecond line." });
    });
    expect(result).toEqual({ ok: true, id: message.id });
    expect(message.id).toMatch(/^20200623T160000000Z-[0-9a-f]+$/);
    expect(message.raw).toContain(TELCO);
    expect(message.raw).toContain("contact@example.org");
    expect(message.raw).toContain("no-reply@tracker.example");
    expect(message.subject).toBe("Test receipt — Genève");
    expect(message.to).toEqual([TELCO]);
    expect(message.cc).toEqual(["contact@example.org"]);
    expect(message.at).toBe(Date.parse("2020-06-23T16:00:00.000Z"));
    expect(message.text).toBe("Hello, Genève.\nSecond line.");
  });

  it("reads the text part of a message that also has HTML", async () => {
    const [message] = await newMessages(() => sendMail({ to: [TELCO], subject: "Both", text: "Plain words, ünïcode, and a long line ".repeat(5).trim(), html: "<p>Rich</p>" }));
    expect(message.text).toBe("Plain words, ünïcode, and a long line ".repeat(5).trim());
  });

  it("refuses a message without a recipient, as a value", async () => {
    expect(await sendMail({ to: [], subject: "x", text: "y" })).toEqual({ ok: false, error: expect.any(String) });
  });

  it("outside the demo without SMTP_URL, sends nothing and says so as a value", async () => {
    vi.stubEnv("DEMO_MODE", "0");
    const added = await newMessages(async () => {
      expect(await sendMail({ to: [TELCO], subject: "x", text: "y" })).toEqual({ ok: false, error: expect.stringContaining("SMTP_URL") });
    });
    expect(added).toEqual([]);
  });
});

describe("the receipt e-mail, and who is told", () => {
  it("goes to the submitter with colleagues in Cc; a contact without an account gets a short notice; each address once", async () => {
    const receivedAt = SG20_DEADLINE - 1; // 23:59:59.999 Geneva: on time
    const v = insertVersion({
      submitter: TELCO,
      receivedAt,
      title: "Proposed architecture for IoT gateways",
      number: 41,
      contacts: [TELCO_EDITOR, "DELEGATE@telco.example", "outside@consultancy.example", TELCO_EDITOR.toUpperCase()],
    });
    queueReceipt(v, TELCO);
    // Queued, not sent: nothing is in the outbox before the worker runs.
    expect(queueRows().map((r) => [r.kind, r.toAddresses, r.ccAddresses, r.sentAt])).toEqual([
      ["receipt", [TELCO], [TELCO_EDITOR], null],
      ["contact_notice", ["outside@consultancy.example"], [], null],
    ]);
    const sent = await deliverNow();
    expect(sent).toHaveLength(2);
    const message = sent.find((m) => m.to.includes(TELCO))!;
    expect(message.cc).toEqual([TELCO_EDITOR]);
    expect(message.subject).toBe("Receipt: COM 20-C 41 — Proposed architecture for IoT gateways");
    expect(message.text).toContain("COM 20-C 41");
    expect(message.text).toContain("T17-SG20-C-0041");
    expect(message.text).toContain("Q3/20");
    expect(message.text).toContain("Tue 23 Jun 2020, 23:59:59 CEST (UTC+2)");
    expect(message.text).toContain("Tue 23 Jun 2020, 21:59:59 UTC (2020-06-23T21:59:59.999Z)");
    expect(message.text).toContain(v.sha256);
    expect(message.text).toContain("proposal-q3.docx");
    expect(message.text).toContain("48,213 bytes");
    expect(message.text).toContain("ON TIME");
    expect(message.text).not.toContain("LATE");
    expect(message.text).toContain(`/contributions/${v.contributionId}`);
    // Its Date is the commit's instant, not the moment the worker sent it.
    expect(message.at).toBe(T0);

    const notice = sent.find((m) => m.to.includes("outside@consultancy.example"))!;
    expect(notice.cc).toEqual([]);
    expect(notice.subject).toBe("You are named as a contact: Proposed architecture for IoT gateways");
    expect(notice.text).toContain("submitted to the ITU-T meeting SG20-2020-07");
    expect(notice.text).toContain("COM 20-C 41");
    expect(notice.text).toContain("Example Telecom Ltd");
    // None of the receipt's particulars.
    for (const secret of [v.sha256, "proposal-q3.docx", "48,213", "ON TIME", "23:59:59", TELCO, TELCO_EDITOR]) expect(notice.text).not.toContain(secret);
    expect(queueRows().every((r) => r.sentAt !== null && r.subject !== null)).toBe(true);
  });

  it("marks a late request LATE and says it awaits the secretariat's decision; its notice says neither", async () => {
    const receivedAt = SG20_DEADLINE; // 00:00:00.000 Geneva on the 24th: late
    const v = insertVersion({ submitter: TELCO, receivedAt, title: "A late thought", number: null, contacts: ["outside@consultancy.example"], lateRequest: true });
    queueReceipt(v, TELCO);
    const sent = await deliverNow();
    const message = sent.find((m) => m.to.includes(TELCO))!;
    expect(message.subject).toBe("Late submission request received — A late thought");
    expect(message.text).toContain("Wed 24 Jun 2020, 00:00:00 CEST (UTC+2)");
    expect(message.text).toContain("LATE");
    expect(message.text).not.toContain("ON TIME");
    expect(message.text).toContain("awaiting the secretariat's decision");
    expect(message.text).toContain(v.sha256);
    const notice = sent.find((m) => m.to.includes("outside@consultancy.example"))!;
    expect(notice.text).toContain("A late thought");
    for (const secret of ["LATE", "late submission", "awaiting", "decision", "00:00:00"]) expect(notice.text).not.toContain(secret);
  });

  it(`writes to at most ${MAX_CONTACTS_TOLD} contacts of one submission, in the order given; an account of another organisation gets a notice in its language`, async () => {
    const contacts = [SWISS_RU, TELCO_EDITOR, ...Array.from({ length: 6 }, (_, i) => `contact${i + 1}@example.org`)];
    const v = insertVersion({ submitter: TELCO, receivedAt: T0, title: "Many contacts", number: 42, contacts });
    queueReceipt(v, TELCO);
    const rows = queueRows();
    const told = rows.flatMap((r) => (r.kind === "receipt" ? r.ccAddresses : r.toAddresses));
    expect(told.sort()).toEqual([SWISS_RU, TELCO_EDITOR, "contact1@example.org", "contact2@example.org", "contact3@example.org"].sort());
    expect(rows).toHaveLength(1 + 4);
    const sent = await deliverNow();
    const russian = sent.find((m) => m.to.includes(SWISS_RU))!;
    expect(russian.subject).toBe("Вы указаны контактным лицом: Many contacts");
    expect(russian.text).toContain("Представлен организацией");
    expect(sent.some((m) => [...m.to, ...m.cc].includes("contact4@example.org"))).toBe(false);
  });

  it("a contact named on a deactivated account of the organisation is not a colleague: a notice", async () => {
    const id = addAccount("former@telco.example", "Former colleague", TELCO);
    env.db.update(users).set({ active: false }).where(eq(users.id, id)).run();
    const v = insertVersion({ submitter: TELCO, receivedAt: T0, title: "Former colleague", number: 43, contacts: ["former@telco.example"] });
    queueReceipt(v, TELCO);
    expect(queueRows().map((r) => [r.kind, r.toAddresses, r.ccAddresses])).toEqual([
      ["receipt", [TELCO], []],
      ["contact_notice", ["former@telco.example"], []],
    ]);
  });

  it("gives up at once, with its reason logged, a message whose version does not exist: nothing is written", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    env.db
      .insert(mailQueue)
      .values({ createdAt: T0, kind: "receipt", versionId: null, studyGroupId: sg20, toAddresses: [TELCO], ccAddresses: [], nextAttemptAt: 0 })
      .run();
    const sent = await newMessages(async () => expect(await deliverDueMail()).toMatchObject({ claimed: 1, sent: 0, failed: 1 }));
    expect(sent).toEqual([]);
    expect(queueRows()[0]).toMatchObject({ attempts: 1, sentAt: null, failedAt: expect.any(Number), lastError: expect.stringContaining("no version") });
    expect(spy).toHaveBeenCalledWith(expect.stringContaining("given up"));
  });
});

describe("the decision e-mail", () => {
  it("tells whoever filed a late request and their colleagues the decision in words, with the reason and the Geneva time; no one else", async () => {
    const v = insertVersion({
      submitter: TELCO,
      receivedAt: SG20_DEADLINE + 5 * 60_000,
      title: "After midnight",
      number: null,
      contacts: [TELCO_EDITOR, "outside@consultancy.example"],
      lateRequest: true,
    });
    pinClock(SG20_DEADLINE + 10 * 3_600_000); // 24 Jun 2020, 10:00 Geneva
    const request = env.db.select().from(lateRequests).where(eq(lateRequests.versionId, v.versionId)).get()!;
    const decided = await decideLateRequest(actor(SECRETARIAT), request.id, { decision: "decline", reason: "Arrived after the cutoff without an extension." });
    expect(decided.ok).toBe(true);
    // Queued by the decision's own commit.
    expect(queueRows().map((r) => [r.kind, r.lateRequestId, r.toAddresses, r.ccAddresses])).toEqual([["decision", request.id, [TELCO], [TELCO_EDITOR]]]);
    const [message, ...others] = await deliverNow();
    expect(others).toEqual([]);
    expect(message.to).toEqual([TELCO]);
    expect(message.cc).toEqual([TELCO_EDITOR]);
    expect(message.subject).toBe("Late submission declined — After midnight");
    expect(message.text).toContain("DECLINED");
    expect(message.text).toContain("Arrived after the cutoff without an extension.");
    expect(message.text).toContain("Wed 24 Jun 2020, 10:00:00 CEST (UTC+2)");
    expect(message.text).toContain("LATE (5 min after the cutoff)");
  });

  it("gives up a decision e-mail for a request still awaiting a decision: nothing is sent", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const v = insertVersion({ submitter: TELCO, receivedAt: SG20_DEADLINE + 60_000, title: "Undecided", number: null, contacts: [], lateRequest: true });
    const request = env.db.select().from(lateRequests).where(eq(lateRequests.versionId, v.versionId)).get()!;
    env.db.transaction((tx) =>
      queueDecisionMail(tx, { lateRequestId: request.id, contributionId: v.contributionId, organisationId: v.organisationId, studyGroupId: sg20, requestedByUserId: actor(TELCO).userId, at: now() }),
    );
    expect(await deliverNow()).toEqual([]);
    expect(queueRows()[0]).toMatchObject({ sentAt: null, failedAt: expect.any(Number), lastError: expect.stringContaining("not been decided") });
  });
});

describe("the queue is part of the commit", () => {
  it("a submission queues its receipt and its contact's notice in its own commit; a refused one queues nothing", async () => {
    const token = await tokenFor(TELCO);
    const res = await postContribution(token, { file: { bytes: makePdf("queued with its commit"), name: "queued.pdf" }, metadata: metadata({ title: "Queued with its commit" }) });
    expect(res.status).toBe(201);
    const receipt = await jsonOf(res);
    expect(queueRows().map((r) => [r.kind, r.versionId, r.toAddresses, r.sentAt])).toEqual([
      ["receipt", receipt.versionId, [TELCO], null],
      ["contact_notice", receipt.versionId, [CONTACT.email], null],
    ]);
    pinClock(SG20_DEADLINE + 60_000);
    const refused = await postContribution(token, { file: { bytes: makePdf("too late"), name: "late.pdf" }, metadata: metadata({ title: "Too late" }) });
    expect(refused.status).toBe(409);
    expect(queueRows()).toHaveLength(2);
  });

  it("uploads that share a group commit each keep their own mail: a refused one's savepoint takes its mail with it", async () => {
    const a = insertVersion({ submitter: TELCO, receivedAt: T0, title: "Kept", number: 50, contacts: [] });
    const b = insertVersion({ submitter: UNIVERSITY, receivedAt: T0, title: "Refused", number: 51, contacts: ["someone@example.org"] });
    const facts = (v: typeof a, email: string) => ({ versionId: v.versionId, contributionId: v.contributionId, organisationId: v.organisationId, studyGroupId: sg20, submitterEmail: email, at: T0 });
    const outcomes = await Promise.allSettled([
      commitTogether(env.db, (tx) => queueReceiptMail(tx, facts(a, TELCO))),
      commitTogether(env.db, (tx) => {
        queueReceiptMail(tx, facts(b, UNIVERSITY));
        throw new Error("refused after queueing");
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected"]);
    expect(queueRows().map((r) => r.versionId)).toEqual([a.versionId]);
  });
});

describe("the worker", () => {
  it("sends, in the process where it runs, what a commit queues, and what an earlier process left unsent", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const left = insertVersion({ submitter: TELCO, receivedAt: T0, title: "Left by a crash", number: 60, contacts: [] });
    queueReceipt(left, TELCO); // no worker yet: as if the process had died after the commit
    expect(emlFiles().some((f) => queueRows()[0] && f.endsWith(`-q${queueRows()[0].id}.eml`))).toBe(false);
    expect(startMailWorker({ pollMs: 60_000 })).toBe(true);
    expect(startMailWorker()).toBe(false);
    await waitFor(() => queueRows().every((r) => r.sentAt !== null));
    // Woken by the commit itself, not by the poll (a minute away).
    const fresh = insertVersion({ submitter: TELCO, receivedAt: T0, title: "Queued while it runs", number: 61, contacts: [] });
    queueReceipt(fresh, TELCO);
    await waitFor(() => queueRows().every((r) => r.sentAt !== null));
    for (const row of queueRows()) expect(emlFiles().filter((f) => f.endsWith(`-q${row.id}.eml`))).toHaveLength(1);

    await stopMailWorker();
    const after = insertVersion({ submitter: TELCO, receivedAt: T0, title: "After the stop", number: 62, contacts: [] });
    queueReceipt(after, TELCO);
    await new Promise((r) => setTimeout(r, 300));
    expect(queueRows().filter((r) => r.sentAt === null)).toHaveLength(1);
  });

  it("sends a message again after a crash between the send and its record, and the outbox still holds one file for it", async () => {
    const v = insertVersion({ submitter: TELCO, receivedAt: T0, title: "Sent twice", number: 63, contacts: [] });
    queueReceipt(v, TELCO);
    const [first] = await deliverNow();
    const row = queueRows()[0];
    expect(first.id).toBe(`20200623T160000000Z-q${row.id}`);
    // The crash: the file was written, the row not marked.
    env.db.update(mailQueue).set({ sentAt: null }).where(eq(mailQueue.id, row.id)).run();
    expect(await deliverNow()).toEqual([]); // no new file: the same one, rewritten
    expect(emlFiles().filter((f) => f.endsWith(`-q${row.id}.eml`))).toEqual([`${first.id}.eml`]);
    expect(queueRows()[0].sentAt).not.toBeNull();
  });

  it("outside the demo without SMTP_URL, holds every message without spending an attempt, and sends them once a relay is set", async () => {
    vi.stubEnv("DEMO_MODE", "0");
    const smtp = await startSmtpServer();
    try {
      const v = insertVersion({ submitter: TELCO, receivedAt: T0, title: "Held", number: 64, contacts: [] });
      queueReceipt(v, TELCO);
      expect(await deliverDueMail()).toMatchObject({ claimed: 1, sent: 0, held: 1 });
      expect(queueRows()[0]).toMatchObject({ attempts: 0, sentAt: null, failedAt: null });
      // More than a batch held, and a worker running: it waits with them, it does not spin on them.
      for (let i = 0; i < 60; i++) queueReceipt(v, TELCO);
      vi.spyOn(console, "error").mockImplementation(() => {});
      startMailWorker({ pollMs: 50 });
      await new Promise((r) => setTimeout(r, 300));
      await stopMailWorker();
      expect(queueRows().every((r) => r.attempts === 0 && r.sentAt === null)).toBe(true);
      vi.stubEnv("SMTP_URL", smtp.url);
      while ((await deliverDueMail()).claimed > 0);
      expect(smtp.accepted).toHaveLength(61);
    } finally {
      closeMailTransports();
      await smtp.close();
    }
  });

  it("through SMTP: marked sent only once the relay accepts it; a refusal is tried again after the back-off, with the same Message-ID", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const smtp = await startSmtpServer();
    try {
      vi.stubEnv("SMTP_URL", smtp.url);
      const v = insertVersion({ submitter: TELCO, receivedAt: T0, title: "Through the relay", number: 65, contacts: [TELCO_EDITOR] });
      queueReceipt(v, TELCO);
      const id = queueRows()[0].id;
      smtp.answerData("451 4.3.0 try again later");
      const at = systemNow();
      expect(await deliverDueMail({ at })).toMatchObject({ claimed: 1, sent: 0, retried: 1 });
      expect(smtp.offered()).toBe(1);
      expect(smtp.accepted).toHaveLength(0);
      expect(queueRows()[0]).toMatchObject({ attempts: 1, sentAt: null, nextAttemptAt: at + retryDelayMs(1), lastError: expect.stringContaining("451") });
      // Not due before its time.
      expect(await deliverDueMail({ at: at + retryDelayMs(1) - 1 })).toMatchObject({ claimed: 0 });
      smtp.answerData("250 2.0.0 queued");
      expect(await deliverDueMail({ at: at + retryDelayMs(1) })).toMatchObject({ sent: 1 });
      expect(smtp.accepted).toHaveLength(1);
      const [mail] = smtp.accepted;
      expect(mail.to.sort()).toEqual([TELCO, TELCO_EDITOR].sort());
      expect(mail.data).toMatch(new RegExp(`Message-ID: <mail-${id}-${T0}@tracker\\.example>`, "i"));
      const parsed = parseEml("smtp", mail.data);
      expect(parsed.subject).toBe("Receipt: COM 20-C 65 — Through the relay");
      expect(parsed.text).toContain(v.sha256);
      // The outbox's access tags are never sent.
      expect(mail.data).not.toMatch(/X-Tracker/i);
      expect(queueRows()[0]).toMatchObject({ attempts: 1, sentAt: expect.any(Number), subject: "Receipt: COM 20-C 65 — Through the relay" });
    } finally {
      closeMailTransports();
      await smtp.close();
    }
  });

  it(`backs off from a relay that is down (30 s, 1 min, 2 min, …) and gives up loudly after ${MAX_ATTEMPTS} attempts`, async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${await closedPort()}`);
    const v = insertVersion({ submitter: TELCO, receivedAt: T0, title: "Relay down", number: 66, contacts: [] });
    queueReceipt(v, TELCO);
    let at = systemNow();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const report = await deliverDueMail({ at });
      expect(report.claimed, `attempt ${attempt}`).toBe(1);
      const row = queueRows()[0];
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
      if (attempt < MAX_ATTEMPTS) {
        waits.push(row.nextAttemptAt - at);
        at = row.nextAttemptAt;
      }
    }
    expect(waits.slice(0, 4)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(Math.max(...waits)).toBe(2 * 3_600_000);
    expect(queueRows()[0]).toMatchObject({ sentAt: null, failedAt: expect.any(Number) });
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`given up after ${MAX_ATTEMPTS} attempt`)));
    // Given up means given up: a working route later does not pick it again.
    vi.stubEnv("SMTP_URL", "");
    expect(await deliverDueMail({ at: at + 10 * 3_600_000 })).toMatchObject({ claimed: 0 });
  });
});

describe("the outbox", () => {
  let receiptId: string;
  let number = 100;

  beforeEach(async () => {
    const v = insertVersion({ submitter: UNIVERSITY, receivedAt: SG20_DEADLINE - 3_600_000, title: "Smart campus metrics", number: number++, contacts: ["prof@university.example"] });
    queueReceipt(v, UNIVERSITY);
    const sent = await deliverNow();
    receiptId = sent.find((m) => m.to.includes(UNIVERSITY))!.id;
  });

  it("shows a receipt to its submitter, and only their own messages", async () => {
    const mine = await listOutbox(actor(UNIVERSITY));
    if (!mine.ok) throw new Error(mine.key);
    expect(mine.value.map((m) => m.id)).toContain(receiptId);
    expect(mine.value.every((m) => [...m.to, ...m.cc].includes(UNIVERSITY))).toBe(true);
    const got = await getOutboxMessage(actor(UNIVERSITY), receiptId);
    expect(got.ok && got.value.text).toContain("Smart campus metrics");
  });

  it("shows the secretariat its own study group's messages, newest first, and not another group's", async () => {
    const all = await listOutbox(actor(SECRETARIAT));
    if (!all.ok) throw new Error(all.key);
    expect(all.value.map((m) => m.id)).toContain(receiptId);
    expect(all.value.map((m) => m.id)).toEqual([...all.value.map((m) => m.id)].sort().reverse());
    expect((await getOutboxMessage(actor(SECRETARIAT), receiptId)).ok).toBe(true);
    const sg17 = await listOutbox(actor(SG17_SECRETARIAT));
    expect(sg17.ok && sg17.value.map((m) => m.id)).not.toContain(receiptId);
    expect(await getOutboxMessage(actor(SG17_SECRETARIAT), receiptId)).toMatchObject({ ok: false, code: "not_found" });
  });

  it("hides it from another member and from a rapporteur: not_found, as if it did not exist", async () => {
    for (const email of [TELCO, RAPPORTEUR_Q3]) {
      const list = await listOutbox(actor(email));
      expect(list.ok && list.value.map((m) => m.id)).not.toContain(receiptId);
      expect(await getOutboxMessage(actor(email), receiptId)).toMatchObject({ ok: false, code: "not_found" });
    }
    expect(await getOutboxMessage(actor(TELCO), "20200101T000000000Z-000000000000")).toMatchObject({ ok: false, code: "not_found" });
  });

  it("shows a one-time password link only to its addressee: the issuing secretariat sees that it was sent, another group's nothing", async () => {
    const [sg17Link] = await newMessages(async () => {
      const made = await createPasswordResetLink(actor(SG17_SECRETARIAT), actor(ASSOCIATE_SG17).userId);
      expect(made).toMatchObject({ ok: true, value: { mailed: true } });
    });
    const [sg20Link] = await newMessages(async () => {
      const made = await createPasswordResetLink(actor(SECRETARIAT), actor(TELCO).userId);
      expect(made).toMatchObject({ ok: true, value: { mailed: true } });
    });
    expect(sg17Link.kind).toBe("password_link");
    expect(sg17Link.studyGroups).toEqual(["SG17"]);

    // The SG20 counsellor cannot read, or even see, the link sent for an SG17 account.
    const sg20List = await listOutbox(actor(SECRETARIAT));
    expect(sg20List.ok && sg20List.value.map((m) => m.id)).not.toContain(sg17Link.id);
    expect(await getOutboxMessage(actor(SECRETARIAT), sg17Link.id)).toMatchObject({ ok: false, code: "not_found" });
    // The SG20 counsellor sees that SG20's link went out, to whom and when, but not the link.
    const listed = sg20List.ok ? sg20List.value.find((m) => m.id === sg20Link.id) : undefined;
    expect(listed).toMatchObject({ to: [TELCO], withheld: true });
    const withheld = await getOutboxMessage(actor(SECRETARIAT), sg20Link.id);
    expect(withheld).toMatchObject({ ok: true, value: { text: null, withheld: true, to: [TELCO] } });
    expect(JSON.stringify(withheld)).not.toContain("/reset-password/");
    // The SG17 counsellor likewise for SG17's link.
    expect(await getOutboxMessage(actor(SG17_SECRETARIAT), sg17Link.id)).toMatchObject({ ok: true, value: { text: null, withheld: true } });
    // The addressees read their own links.
    for (const [email, link] of [
      [ASSOCIATE_SG17, sg17Link],
      [TELCO, sg20Link],
    ] as const) {
      const own = await getOutboxMessage(actor(email), link.id);
      expect(own.ok && own.value.text).toContain("/reset-password/");
    }
  });

  it("does not exist outside the demo, or when mail goes to a relay: not_found for everyone, the addressee too", async () => {
    expect(outboxInApp()).toBe(true);
    for (const [demo, smtp] of [
      ["0", ""],
      ["1", "smtp://127.0.0.1:2525"],
    ]) {
      vi.stubEnv("DEMO_MODE", demo);
      vi.stubEnv("SMTP_URL", smtp);
      expect(outboxInApp()).toBe(false);
      for (const email of [UNIVERSITY, SECRETARIAT]) {
        expect(await listOutbox(actor(email))).toMatchObject({ ok: false, code: "not_found" });
        expect(await getOutboxMessage(actor(email), receiptId)).toMatchObject({ ok: false, code: "not_found" });
      }
    }
  });

  it("refuses ids that would leave the outbox directory", async () => {
    for (const id of ["../tracker", "..%2Ftracker", "a/b", ""]) {
      expect(await getOutboxMessage(actor(SECRETARIAT), id)).toMatchObject({ ok: false, code: "not_found" });
    }
  });
});

describe("mail_queue", () => {
  it("the worker's question (what is due?) reads the partial index of waiting rows", () => {
    const due = env.db
      .select()
      .from(mailQueue)
      .where(and(isNull(mailQueue.sentAt), isNull(mailQueue.failedAt), lte(mailQueue.nextAttemptAt, 0)))
      .orderBy(asc(mailQueue.nextAttemptAt), asc(mailQueue.id))
      .limit(50)
      .toSQL();
    const plan = env.db.$client.prepare(`EXPLAIN QUERY PLAN ${due.sql}`).all(...due.params) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(" ")).toContain("USING INDEX mail_queue_due_idx");
    expect(plan.map((p) => p.detail).join(" ")).not.toContain("TEMP B-TREE");
  });
});
