import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  contributionContacts,
  contributionQuestions,
  contributions,
  contributionVersions,
  lateRequests,
  meetings,
  questions,
  storedFiles,
  users,
} from "@/db/schema";
import { loadActor } from "@/lib/data/actor";
import { notifyDecision, notifyReceipt } from "@/lib/data/notifications";
import { getOutboxMessage, listOutbox, parseEml } from "@/lib/data/outbox";
import { sendMail } from "@/lib/mail/transport";
import type { Actor } from "@/lib/auth/permissions";
import { SG20_MEETING_CODE } from "@/lib/config/demo";
import { freshEnv, SG20_DEADLINE, type TestEnv } from "../support/db";

const SECRETARIAT = "tsb.sg20@secretariat.example";
const TELCO = "delegate@telco.example";
const UNIVERSITY = "delegate@university.example";
const RAPPORTEUR_Q3 = "rapporteur.q3@sg20.example";

let env: TestEnv;

beforeAll(async () => {
  env = await freshEnv();
});

afterAll(() => env.cleanup());

function outbox(): string {
  return path.join(env.dataDir, "outbox");
}

function emlFiles(): string[] {
  try {
    return readdirSync(outbox()).filter((f) => f.endsWith(".eml")).sort();
  } catch {
    return [];
  }
}

function actor(email: string): Actor {
  const row = env.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!;
  return loadActor(row.id)!;
}

let fileCounter = 0;

/** Inserts a received version the way the save pipeline would, and returns its id. */
function insertVersion(opts: {
  submitter: string;
  receivedAt: number;
  title: string;
  contacts: string[];
  number: number | null;
  lateRequest?: boolean;
}): { contributionId: number; versionId: number; sha256: string } {
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
  return { contributionId: c.id, versionId: v.id, sha256 };
}

/** The one new .eml written by `action`, parsed. */
async function newMessage(action: () => Promise<void>) {
  const before = new Set(emlFiles());
  await action();
  const added = emlFiles().filter((f) => !before.has(f));
  expect(added).toHaveLength(1);
  const raw = readFileSync(path.join(outbox(), added[0]), "latin1");
  return { id: added[0].slice(0, -4), raw, message: parseEml(added[0].slice(0, -4), raw) };
}

describe("sendMail without SMTP_URL", () => {
  beforeEach(() => {
    vi.stubEnv("SMTP_URL", "");
  });

  it("writes an .eml into DATA_DIR/outbox with the subject, the recipients, the sender and the pinned clock's date", async () => {
    let result: Awaited<ReturnType<typeof sendMail>> | undefined;
    const { id, raw, message } = await newMessage(async () => {
      result = await sendMail({ to: [TELCO], cc: ["contact@example.org"], subject: "Test receipt — Genève", text: "Hello, Genève.\nSecond line." });
    });
    expect(result).toEqual({ ok: true, id });
    expect(id).toMatch(/^20200623T160000000Z-[0-9a-f]+$/);
    expect(raw).toContain(TELCO);
    expect(raw).toContain("contact@example.org");
    expect(raw).toContain("no-reply@tracker.example");
    expect(message.subject).toBe("Test receipt — Genève");
    expect(message.to).toEqual([TELCO]);
    expect(message.cc).toEqual(["contact@example.org"]);
    expect(message.at).toBe(Date.parse("2020-06-23T16:00:00.000Z"));
    expect(message.text).toBe("Hello, Genève.\nSecond line.");
  });

  it("reads the text part of a message that also has HTML", async () => {
    const { message } = await newMessage(async () => {
      await sendMail({ to: [TELCO], subject: "Both", text: "Plain words, ünïcode, and a long line ".repeat(5).trim(), html: "<p>Rich</p>" });
    });
    expect(message.text).toBe("Plain words, ünïcode, and a long line ".repeat(5).trim());
  });

  it("refuses a message without a recipient, as a value", async () => {
    expect(await sendMail({ to: [], subject: "x", text: "y" })).toEqual({ ok: false, error: expect.any(String) });
  });
});

describe("notifyReceipt", () => {
  beforeEach(() => {
    vi.stubEnv("SMTP_URL", "");
  });

  it("sends an on-time receipt to the submitter and the contacts, once each, with Geneva time, UTC, SHA-256 and ON TIME", async () => {
    const receivedAt = SG20_DEADLINE - 1; // 23:59:59.999 Geneva: on time
    const v = insertVersion({
      submitter: TELCO,
      receivedAt,
      title: "Proposed architecture for IoT gateways",
      number: 41,
      contacts: ["editor@telco.example", "DELEGATE@telco.example", "editor@telco.example"],
    });
    const { message } = await newMessage(() => notifyReceipt(v.versionId));
    expect(message.to).toEqual([TELCO]);
    expect(message.cc).toEqual(["editor@telco.example"]);
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
  });

  it("marks a late request LATE and says it awaits the secretariat's decision", async () => {
    const receivedAt = SG20_DEADLINE; // 00:00:00.000 Geneva on the 24th: late
    const v = insertVersion({ submitter: TELCO, receivedAt, title: "A late thought", number: null, contacts: ["editor@telco.example"], lateRequest: true });
    const { message } = await newMessage(() => notifyReceipt(v.versionId));
    expect(message.subject).toBe("Late submission request received — A late thought");
    expect(message.text).toContain("Wed 24 Jun 2020, 00:00:00 CEST (UTC+2)");
    expect(message.text).toContain("LATE");
    expect(message.text).not.toContain("ON TIME");
    expect(message.text).toContain("awaiting the secretariat's decision");
    expect(message.text).toContain(v.sha256);
  });

  it("never throws, even for a version that does not exist", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const before = emlFiles().length;
    await expect(notifyReceipt(999_999)).resolves.toBeUndefined();
    expect(emlFiles()).toHaveLength(before);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});

describe("notifyDecision", () => {
  beforeEach(() => {
    vi.stubEnv("SMTP_URL", "");
  });

  it("tells whoever filed a late request the decision in words, with the reason and the Geneva time", async () => {
    const v = insertVersion({ submitter: TELCO, receivedAt: SG20_DEADLINE + 5 * 60_000, title: "After midnight", number: null, contacts: ["editor@telco.example"], lateRequest: true });
    const decidedAt = SG20_DEADLINE + 10 * 3_600_000; // 24 Jun 2020, 10:00 Geneva
    env.db
      .update(lateRequests)
      .set({ status: "declined", decisionReason: "Arrived after the cutoff without an extension.", decidedAt, decidedByUserId: actor(SECRETARIAT).userId })
      .where(eq(lateRequests.versionId, v.versionId))
      .run();
    const request = env.db.select().from(lateRequests).where(eq(lateRequests.versionId, v.versionId)).get()!;
    const { message } = await newMessage(() => notifyDecision(request.id));
    expect(message.to).toEqual([TELCO]);
    expect(message.cc).toEqual(["editor@telco.example"]);
    expect(message.subject).toBe("Late submission declined — After midnight");
    expect(message.text).toContain("DECLINED");
    expect(message.text).toContain("Arrived after the cutoff without an extension.");
    expect(message.text).toContain("Wed 24 Jun 2020, 10:00:00 CEST (UTC+2)");
    expect(message.text).toContain("LATE (5 min after the cutoff)");
  });

  it("sends nothing for a request still awaiting a decision", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const v = insertVersion({ submitter: TELCO, receivedAt: SG20_DEADLINE + 60_000, title: "Undecided", number: null, contacts: [], lateRequest: true });
    const request = env.db.select().from(lateRequests).where(eq(lateRequests.versionId, v.versionId)).get()!;
    const before = emlFiles().length;
    await notifyDecision(request.id);
    expect(emlFiles()).toHaveLength(before);
    spy.mockRestore();
  });
});

describe("the outbox", () => {
  let receipt: { id: string; subject: string };

  beforeAll(async () => {
    vi.stubEnv("SMTP_URL", "");
    const v = insertVersion({ submitter: UNIVERSITY, receivedAt: SG20_DEADLINE - 3_600_000, title: "Smart campus metrics", number: 77, contacts: ["prof@university.example"] });
    const { id, message } = await newMessage(() => notifyReceipt(v.versionId));
    receipt = { id, subject: message.subject };
  });

  it("shows a receipt to its submitter", async () => {
    const mine = await listOutbox(actor(UNIVERSITY));
    expect(mine.map((m) => m.id)).toContain(receipt.id);
    // Nothing addressed to someone else.
    expect(mine.every((m) => [...m.to, ...m.cc].includes(UNIVERSITY))).toBe(true);
    const got = await getOutboxMessage(actor(UNIVERSITY), receipt.id);
    expect(got.ok && got.value.subject).toBe(receipt.subject);
    expect(got.ok && got.value.text).toContain("Smart campus metrics");
  });

  it("shows every message to the secretariat, newest first", async () => {
    const all = await listOutbox(actor(SECRETARIAT));
    expect(all.map((m) => m.id)).toContain(receipt.id);
    expect(all.length).toBe(emlFiles().length);
    expect(all.map((m) => m.id)).toEqual([...all.map((m) => m.id)].sort().reverse());
    expect((await getOutboxMessage(actor(SECRETARIAT), receipt.id)).ok).toBe(true);
  });

  it("hides it from another member and from a rapporteur: not_found, as if it did not exist", async () => {
    for (const email of [TELCO, RAPPORTEUR_Q3]) {
      const list = await listOutbox(actor(email));
      expect(list.map((m) => m.id)).not.toContain(receipt.id);
      const got = await getOutboxMessage(actor(email), receipt.id);
      expect(got).toMatchObject({ ok: false, code: "not_found" });
    }
    expect(await getOutboxMessage(actor(TELCO), "20200101T000000000Z-000000000000")).toMatchObject({ ok: false, code: "not_found" });
  });

  it("refuses ids that would leave the outbox directory", async () => {
    for (const id of ["../tracker", "..%2Ftracker", "a/b", ""]) {
      expect(await getOutboxMessage(actor(SECRETARIAT), id)).toMatchObject({ ok: false, code: "not_found" });
    }
  });
});
