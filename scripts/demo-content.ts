// The demo's content: a closed SG20 meeting (Geneva, February 2020) and the July 2020 meeting in progress,
// made by driving the real data layer as the right people at the right simulated instants. Deterministic
// (a fixed PRNG seed: the same demo every time) and fast (a few seconds). Needs the demo accounts of
// db/seed.ts; run through scripts/setup-db.ts with DEMO_CONTENT=1 (tsx --conditions=react-server).
import { readdirSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { count } from "drizzle-orm";
import type { DB } from "../db/client";
import { contributions, users } from "../db/schema";
import { pinClock } from "../lib/time/clock";
import { genevaWallTimeToInstant } from "../lib/time/geneva";
import { settings } from "../lib/config/settings";
import { makePdf, makeTemplateDocx } from "../lib/files/docx-writer";
import { receiveToTemp } from "../lib/files/storage";
import { submissionMetadata, revisionMetadata } from "../lib/validation/contribution";
import { loadActor } from "../lib/data/actor";
import { createAccount, createOrganisation, setRapporteur } from "../lib/data/account-admin";
import { grantExtension } from "../lib/data/extensions";
import { decideLateRequest, type DecisionInput } from "../lib/data/late-decisions";
import { addMeetingSession, createMeeting, updateMeeting } from "../lib/data/meeting-admin";
import { recordQuestionVisit } from "../lib/data/review-questions";
import { addComment, setReviewState } from "../lib/data/review-state";
import type { Receipt } from "../lib/data/receipts";
import { reviseContribution, submitContribution, withdrawContribution } from "../lib/data/submissions";
import type { Upload } from "../lib/data/upload-store";
import type { Actor } from "../lib/auth/permissions";
import type { ReviewState, SessionKind } from "../lib/domain";
import type { Result } from "../lib/domain/failures";
import {
  bodyParagraphs,
  CITIES,
  COMMENTS,
  LIAISON_TO,
  NEW_RAPPORTEURS,
  ORGANISATIONS,
  PATTERNS,
  RAPPORTEUR_Q3,
  RAPPORTEUR_Q6,
  RELATED,
  SECRETARIAT,
  SG17_ASSOCIATE,
  TOPICS,
  WITHDRAWAL_REASONS,
  writeContribution,
  type DemoOrganisation,
  type Pattern,
  type Topic,
} from "./demo-catalogue";

export const DEMO_SEED = 20200623;
export const CLOSED_MEETING = "SG20-2020-02";
export const OPEN_MEETING = "SG20-2020-07";
/** When the demo's accounts and organisations were made: before either meeting was announced. */
export const DEMO_SEED_AT = Date.parse("2019-10-01T07:00:00Z");
/** The instant the demo starts at (scripts/demo.mjs): nothing of the content is later. */
export const DEMO_START = Date.parse("2020-06-23T16:00:00Z");

const g = (date: string, time: string) => genevaWallTimeToInstant(date, time);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ------------------------------------------------------------------ determinism

/** mulberry32: a small PRNG with a fixed seed, so the demo is the same on every machine and every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
function weighted<T>(rng: Rng, items: readonly T[], weight: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let r = rng() * total;
  for (const item of items) {
    r -= weight(item);
    if (r < 0) return item;
  }
  return items[items.length - 1];
}
function shuffle<T>(rng: Rng, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// ------------------------------------------------------------------ the plan

type Planned = {
  label: string;
  meeting: string;
  org: DemoOrganisation;
  questions: number[];
  pattern: Pattern;
  topic: Topic;
  title: string;
  abstract: string;
  purpose: "Proposal" | "Information" | "Discussion" | "Decision";
  format: "docx" | "pdf";
  fileName: string;
  at: number;
  /** filled in when submitted */
  id?: number;
  lateRequestId?: number;
  withdrawnAt?: number;
};

const QUESTION_WEIGHT: Record<number, number> = { 1: 10, 2: 12, 3: 15, 4: 12, 5: 8, 6: 13, 7: 10 };

/** Makes contributions' subjects without repeating a (topic, pattern) pair across the whole demo. */
class Subjects {
  private used = new Set<string>();
  constructor(private rng: Rng) {}

  next(meeting: string, org: DemoOrganisation, at: number, label: string, opts: { question?: number; pattern?: Pattern; multi?: boolean } = {}): Planned {
    const rng = this.rng;
    const question =
      opts.question ?? (rng() < 0.5 ? pick(rng, org.favours) : weighted(rng, Object.keys(QUESTION_WEIGHT).map(Number), (q) => QUESTION_WEIGHT[q]));
    const topics = TOPICS[question];
    let pattern: Pattern = opts.pattern ?? weighted(rng, PATTERNS, (p) => p.weight).pattern;
    let topic = pick(rng, topics);
    for (let tries = 0; this.used.has(`${topic.draft}|${pattern}`); tries++) {
      topic = pick(rng, topics);
      if (tries > 20 && !opts.pattern) pattern = weighted(rng, PATTERNS, (p) => p.weight).pattern;
      if (tries > 200) throw new Error(`demo content: no unused subject left for Q${question}/20`);
    }
    this.used.add(`${topic.draft}|${pattern}`);
    const questions = [question];
    if (opts.multi ?? rng() < 0.14) questions.push(pick(rng, RELATED[question]));
    const q = `Question ${question}/20`;
    const { title, abstract } = writeContribution(pattern, topic, q, { city: pick(rng, CITIES), liaisonTo: pick(rng, LIAISON_TO) });
    const format = rng() < 0.12 ? "pdf" : "docx";
    const slug = topic.draft.replace(/^Y\.|^TR\./, "").replace(/[^A-Za-z0-9]+/g, "-").toLowerCase();
    return {
      label,
      meeting,
      org,
      questions,
      pattern,
      topic,
      title,
      abstract,
      purpose: PATTERNS.find((p) => p.pattern === pattern)!.purpose,
      format,
      fileName: `${org.key}-Q${question}-${slug}-${pattern === "liaison" ? "LS" : pattern === "pilot" ? "pilot" : "prop"}.${format}`,
      at,
    };
  }
}

/** An arrival instant on a Geneva day: working hours mostly, some from Asian mornings, seconds and ms included. */
function arrivalOn(rng: Rng, date: string, opts: { from?: number; to?: number; lateSkew?: number } = {}): number {
  const from = opts.from ?? (rng() < 0.15 ? 60 : 7 * 60);
  const to = opts.to ?? 20 * 60;
  const u = opts.lateSkew ? rng() ** opts.lateSkew : rng();
  const minute = from + Math.floor(u * (to - from));
  const hh = String(Math.floor(minute / 60)).padStart(2, "0");
  const mm = String(minute % 60).padStart(2, "0");
  return g(date, `${hh}:${mm}`) + Math.floor(rng() * 59_999);
}

function days(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T12:00:00Z`); t <= Date.parse(`${last}T12:00:00Z`); t += DAY) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

function isWeekend(date: string): boolean {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
}

// ------------------------------------------------------------------ the steps, in time order

type Step = { at: number; order: number; label: string; run: () => Promise<void> | void };

class Timeline {
  private steps: Step[] = [];
  add(at: number, label: string, run: Step["run"]): void {
    this.steps.push({ at, order: this.steps.length, label, run });
  }
  async play(): Promise<number> {
    this.steps.sort((a, b) => a.at - b.at || a.order - b.order);
    for (const step of this.steps) {
      pinClock(step.at);
      try {
        await step.run();
      } catch (error) {
        throw new Error(`demo content, step "${step.label}" at ${new Date(step.at).toISOString()}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
    return this.steps.length;
  }
}

function must<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.code} ${result.key}`);
  return result.value;
}

function mustFail<T>(result: Result<T>, code: string, what: string): void {
  if (result.ok || result.code !== code) throw new Error(`${what}: expected ${code}, got ${result.ok ? "ok" : `${result.code} ${result.key}`}`);
}

// ------------------------------------------------------------------ documents

const MEETING_LINE: Record<string, string> = {
  [CLOSED_MEETING]: "Geneva, 3-13 February 2020",
  [OPEN_MEETING]: "Virtual, 6-16 July 2020",
};

async function documentFor(p: Planned, version = ""): Promise<Buffer> {
  const questions = p.questions.map((q) => `Q${q}/20`).join(", ");
  const contact = { name: p.org.delegate.name, organization: p.org.name, country: p.org.country, phone: p.org.delegate.phone, email: p.org.delegate.contactEmail };
  const title = version ? `${p.title} (${version})` : p.title;
  if (p.format === "pdf") {
    return makePdf(
      [`ITU-T Study Group 20 - ${MEETING_LINE[p.meeting]}`, `Question(s): ${questions}`, `Source: ${p.org.name}`, `Title: ${title}`, `Purpose: ${p.purpose}`, "", ...wrap(p.abstract, 85), "", "(Demo data)"].join("\n"),
    );
  }
  return makeTemplateDocx(
    {
      questions,
      meeting: MEETING_LINE[p.meeting],
      studyGroup: "20",
      workingParty: p.questions[0] <= 3 ? "1/20" : "2/20",
      source: p.org.name,
      title,
      purpose: p.purpose,
      contacts: [contact],
      keywords: p.topic.keywords,
      abstract: p.abstract,
    },
    { bodyParagraphs: bodyParagraphs(p.abstract, p.topic, `Question ${p.questions[0]}/20`) },
  );
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The bytes as the server would have them once received: a temp file, hashed and fsynced. */
async function uploadOf(bytes: Buffer, originalName: string, at: number): Promise<Upload> {
  const file = await receiveToTemp(Readable.from([bytes]), settings().maxUploadBytes);
  // A delegate's upload takes a moment: the request started a little before the file was complete.
  return { file, originalName, requestStartedAt: at - 400 - Math.round(bytes.length / 40), receivedAt: at };
}

// ------------------------------------------------------------------ the generator

export type DemoContentSummary = {
  ms: number;
  steps: number;
  organisations: number;
  accounts: number;
  meetings: Record<string, { contributions: number; withdrawn: number; lateRequests: number; questions: Record<string, number> }>;
  versions: { revisions: number; addenda: number; corrigenda: number };
  lateDecisions: Record<string, number>;
  extensions: number;
  refusedAttempts: Record<string, number>;
  reviews: number;
  comments: number;
  documents: { docx: number; pdf: number };
};

/**
 * Fills a freshly seeded demo database (db/seed.ts seedDemo) with the two meetings' content. Does nothing
 * when contributions exist already (a demo restarted on its own data keeps what was done in it).
 * The data layer works on the database getDb() answers with: the caller adopts `db` first.
 */
export async function generateDemoContent(db: DB): Promise<DemoContentSummary | null> {
  const started = performance.now();
  const [{ n }] = db.select({ n: count() }).from(contributions).all();
  if (n > 0) return null;
  const rng = prng(DEMO_SEED);
  const subjects = new Subjects(rng);
  const timeline = new Timeline();

  const userIds = new Map(db.select({ id: users.id, email: users.email }).from(users).all().map((u) => [u.email, u.id]));
  const actorOf = (email: string): Actor => {
    const id = userIds.get(email);
    const actor = id === undefined ? null : loadActor(id, db);
    if (!actor) throw new Error(`demo content: no account ${email} (seed the demo accounts first)`);
    return actor;
  };
  const sec = () => actorOf(SECRETARIAT);
  const delegate = (org: DemoOrganisation) => actorOf(org.delegate.email);

  const summary: DemoContentSummary = {
    ms: 0,
    steps: 0,
    organisations: 0,
    accounts: 0,
    meetings: {},
    versions: { revisions: 0, addenda: 0, corrigenda: 0 },
    lateDecisions: {},
    extensions: 0,
    refusedAttempts: {},
    reviews: 0,
    comments: 0,
    documents: { docx: 0, pdf: 0 },
  };
  const refused = (code: string) => (summary.refusedAttempts[code] = (summary.refusedAttempts[code] ?? 0) + 1);
  const meetingCount = (code: string) => (summary.meetings[code] ??= { contributions: 0, withdrawn: 0, lateRequests: 0, questions: {} });

  // ---------------------------------------------------------------- organisations, accounts, rapporteurs
  let at = DEMO_SEED_AT;
  for (const org of ORGANISATIONS.filter((o) => !o.delegate.existing)) {
    at += 7 * MINUTE;
    timeline.add(at, `organisation ${org.key}`, async () => {
      const made = must(createOrganisation(sec(), { name: org.name, country: org.country, memberType: org.memberType, associateStudyGroupCode: org.memberType === "associate" ? "SG20" : null }), "organisation");
      const account = must(await createAccount(sec(), { email: org.delegate.email, name: org.delegate.name, organisationId: made.id, phone: org.delegate.phone }), "account");
      userIds.set(org.delegate.email, account.id);
      summary.organisations++;
      summary.accounts++;
    });
  }
  for (const r of NEW_RAPPORTEURS) {
    at += 5 * MINUTE;
    timeline.add(at, `rapporteur Q${r.question}/20`, async () => {
      const account = must(await createAccount(sec(), { email: r.email, name: r.name }), "rapporteur account");
      userIds.set(r.email, account.id);
      must(setRapporteur(sec(), account.id, `Q${r.question}/20`, "rapporteur"), "rapporteur role");
      summary.accounts++;
    });
  }
  const rapporteurOf = (question: number): string => {
    if (question === 3) return RAPPORTEUR_Q3;
    if (question === 6) return RAPPORTEUR_Q6;
    return NEW_RAPPORTEURS.find((r) => r.question === question)!.email;
  };

  // ---------------------------------------------------------------- shared actions
  const submit = (p: Planned, opts: { lateRequest?: string; expect?: "late" } = {}) =>
    timeline.add(p.at, `submit ${p.label}`, async () => {
      const bytes = await documentFor(p);
      const metadata = submissionMetadata.parse({
        title: p.title,
        questions: p.questions.map((q) => `Q${q}/20`),
        purpose: p.purpose,
        abstract: p.abstract,
        keywords: p.topic.keywords,
        contacts: [{ name: p.org.delegate.name, organization: p.org.name, country: p.org.country, phone: p.org.delegate.phone, email: p.org.delegate.contactEmail }],
      });
      const receipt: Receipt = must(
        await submitContribution(delegate(p.org), p.meeting, metadata, await uploadOf(bytes, p.fileName, p.at), opts.lateRequest !== undefined ? { asLateRequest: true, explanation: opts.lateRequest } : {}),
        `submission ${p.label}`,
      );
      if (opts.expect === "late" && !receipt.late) throw new Error(`${p.label} was expected to be LATE`);
      if (opts.lateRequest === undefined && receipt.number === null) throw new Error(`${p.label} got no number`);
      p.id = receipt.contributionId;
      p.lateRequestId = receipt.lateRequestId ?? undefined;
      summary.documents[p.format]++;
      if (opts.lateRequest === undefined) {
        const m = meetingCount(p.meeting);
        m.contributions++;
        for (const q of p.questions) m.questions[`Q${q}/20`] = (m.questions[`Q${q}/20`] ?? 0) + 1;
      } else meetingCount(p.meeting).lateRequests++;
    });

  /** A submission after the cutoff without a late request: the real gate refuses it and records the attempt. */
  const refusedSubmission = (p: Planned, atRefused: number) =>
    timeline.add(atRefused, `refused ${p.label}`, async () => {
      const metadata = submissionMetadata.parse({
        title: p.title,
        questions: p.questions.map((q) => `Q${q}/20`),
        purpose: p.purpose,
        abstract: p.abstract,
        contacts: [{ name: p.org.delegate.name, organization: p.org.name, country: p.org.country, phone: p.org.delegate.phone, email: p.org.delegate.contactEmail }],
      });
      mustFail(await submitContribution(delegate(p.org), p.meeting, metadata, await uploadOf(await documentFor(p), p.fileName, atRefused)), "deadline_passed", `refusal of ${p.label}`);
      refused("deadline_passed");
    });

  const lateRevisionIds = new Map<string, number>();
  const revise = (p: Planned, when: number, kind: "revision" | "addendum" | "corrigendum", label: string, note: string, opts: { lateRequest?: string; expectRefusal?: string } = {}) =>
    timeline.add(when, `${label} of ${p.label}`, async () => {
      if (p.id === undefined || (p.withdrawnAt !== undefined && p.withdrawnAt <= when)) throw new Error(`${p.label} is not there to be revised`);
      const annex = kind === "addendum";
      const bytes = annex ? makePdf([`Addendum to: ${p.title}`, "", "Annex: survey data and measurement results", "", "(Demo data)"].join("\n")) : await documentFor(p, label);
      const name = annex ? p.fileName.replace(/\.(docx|pdf)$/, "-annex.pdf") : p.fileName.replace(/\.(docx|pdf)$/, `-${label.replace(".", "").toLowerCase()}.$1`);
      const metadata = revisionMetadata.parse({ kind, note });
      const result = await reviseContribution(delegate(p.org), p.id, metadata, await uploadOf(bytes, name, when), opts.lateRequest !== undefined ? { asLateRequest: true, explanation: opts.lateRequest } : {});
      if (opts.expectRefusal) {
        mustFail(result, opts.expectRefusal, `${label} of ${p.label}`);
        refused(opts.expectRefusal);
        return;
      }
      const receipt = must(result, `${label} of ${p.label}`);
      if (receipt.lateRequestId !== null) lateRevisionIds.set(`${p.label} ${label}`, receipt.lateRequestId);
      summary.documents[annex ? "pdf" : p.format]++;
      if (opts.lateRequest !== undefined) meetingCount(p.meeting).lateRequests++;
      summary.versions[kind === "revision" ? "revisions" : kind === "addendum" ? "addenda" : "corrigenda"]++;
    });

  const review = (p: Planned, when: number, state: ReviewState, comment?: (typeof COMMENTS)[number]) => {
    if (p.withdrawnAt !== undefined && p.withdrawnAt <= when) return;
    const q = p.questions[0];
    timeline.add(when, `review of ${p.label}`, () => {
      const reviewer = actorOf(rapporteurOf(q));
      if (state !== "new") {
        must(setReviewState(reviewer, p.id!, state), `review state of ${p.label}`);
        summary.reviews++;
      }
      if (comment) {
        must(addComment(reviewer, p.id!, comment.body.replaceAll("{q}", `Q${q}/20`), comment.shared), `comment on ${p.label}`);
        summary.comments++;
      }
    });
  };

  const decide = (requestOf: () => number, when: number, input: DecisionInput, label: string) =>
    timeline.add(when, `decision ${label}`, async () => {
      const outcome = must(await decideLateRequest(sec(), requestOf(), input), `decision on ${label}`);
      summary.lateDecisions[outcome.status] = (summary.lateDecisions[outcome.status] ?? 0) + 1;
    });

  const org = (key: string) => ORGANISATIONS.find((o) => o.key === key)!;
  /** The late request a submission filed, once it has run. */
  const requestOf = (p: Planned) => () => {
    if (p.lateRequestId === undefined) throw new Error(`no late request recorded for ${p.label}`);
    return p.lateRequestId;
  };

  // ================================================================ the closed meeting: Geneva, 3-13 February 2020
  timeline.add(g("2019-10-28", "10:00"), "the February meeting is announced", () => {
    must(
      createMeeting(sec(), {
        code: CLOSED_MEETING,
        title: "ITU-T Study Group 20 meeting",
        studyGroupCode: "SG20",
        studyPeriodCode: "T17",
        mode: "physical",
        location: "Geneva, ITU headquarters (demo data)",
        firstDay: "2020-02-03",
        lastDay: "2020-02-13",
        timeZone: "Europe/Zurich",
        reference: "Collective letter 6/20 (demo data)",
      }),
      "the February meeting",
    );
    const s = (title: string, kind: SessionKind, date: string, from: string, to: string, reg: boolean) =>
      must(addMeetingSession(sec(), CLOSED_MEETING, { title, kind, startsAt: g(date, from), endsAt: g(date, to), registrationRequired: reg, note: "Demo data." }), title);
    s("Newcomers' session", "newcomers", "2020-02-03", "08:30", "09:30", false);
    s("JCA-IoT and SC&C meeting", "jca", "2020-02-05", "14:30", "17:30", true);
    s("Workshop on data-driven smart sustainable cities", "other", "2020-02-07", "09:30", "12:30", true);
  });
  const febDeadline = g("2020-01-25", "00:00"); // after Corrigendum 1: the end of Friday 24 January
  timeline.add(g("2020-01-10", "10:30"), "Corrigendum 1 to Collective letter 6/20", () => {
    must(
      updateMeeting(
        sec(),
        CLOSED_MEETING,
        {
          deadline: febDeadline,
          deadlineNote: "Corrigendum 1 to Collective letter 6/20 moved the deadline from 21 to 24 January 2020 (demo data).",
        },
        {
          reference: "Corrigendum 1 to Collective letter 6/20",
          reason:
            "The ITU document systems are closed for maintenance on 20 and 21 January 2020: the contribution deadline moves from 21 to 24 January 2020 (end of day, Geneva time). Demo data.",
        },
      ),
      "Corrigendum 1",
    );
  });

  const febDays = days("2020-01-02", "2020-01-24");
  const febWeight = (d: string) => (d === "2020-01-24" ? 9 : d === "2020-01-23" ? 6 : d === "2020-01-21" ? 4 : isWeekend(d) ? 0.2 : d >= "2020-01-13" ? 1.6 : 0.8);
  const feb: Planned[] = [];
  for (let i = 0; i < 28; i++) {
    const day = weighted(rng, febDays, febWeight);
    const when = arrivalOn(rng, day, day === "2020-01-24" ? { from: 6 * 60, to: 23 * 60 + 58, lateSkew: 0.7 } : {});
    const who = i === 0 ? org("KOR") : weighted(rng, ORGANISATIONS, (o) => o.weight);
    feb.push(subjects.next(CLOSED_MEETING, who, when, `February ${i + 1} (${who.key})`, i === 0 ? { question: 3, pattern: "modify" } : {}));
  }
  feb.sort((a, b) => a.at - b.at);
  for (const p of feb) submit(p);

  // Refused before the cutoff: an Associate of another group, and a file that is a program, not a document.
  timeline.add(g("2020-01-15", "10:05") + 12_345, "the SG17 Associate tries SG20", async () => {
    const intruder = actorOf(SG17_ASSOCIATE);
    const p = subjects.next(CLOSED_MEETING, ORGANISATIONS[0], 0, "SG17 attempt", { question: 6, pattern: "comments" });
    const metadata = submissionMetadata.parse({
      title: p.title,
      questions: ["Q6/20"],
      purpose: p.purpose,
      contacts: [{ name: "Carlos Mendes", organization: "SecureIoT Example S.A.", country: "Brazil", email: "carlos.mendes@associate-sg17.example" }],
    });
    mustFail(await submitContribution(intruder, CLOSED_MEETING, metadata, await uploadOf(await documentFor(p), "SIE-Q6-comments.docx", g("2020-01-15", "10:05"))), "forbidden", "SG17 Associate");
    refused("forbidden");
  });
  const upe = subjects.next(CLOSED_MEETING, org("UPE"), g("2020-01-20", "21:52") + 4_210, "February (UPE, after a refused file)", { question: 5 });
  timeline.add(g("2020-01-20", "21:40") + 31_877, "a program instead of a document", async () => {
    const program = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(2046, 0x90)]);
    const metadata = submissionMetadata.parse({
      title: upe.title,
      questions: ["Q5/20"],
      purpose: upe.purpose,
      contacts: [{ name: upe.org.delegate.name, organization: upe.org.name, country: upe.org.country, email: upe.org.delegate.contactEmail }],
    });
    const result = await submitContribution(delegate(upe.org), CLOSED_MEETING, metadata, await uploadOf(program, upe.fileName, g("2020-01-20", "21:40") + 31_877));
    if (result.ok) throw new Error("an executable was accepted");
    refused("executable");
  });
  submit(upe);
  feb.push(upe);

  // On-time revisions and an addendum.
  const febRevised = feb.filter((p) => p.at < g("2020-01-20", "00:00") && p.format === "docx" && p.org.key !== "KOR").slice(0, 4);
  febRevised.slice(0, 3).forEach((p, i) => revise(p, g("2020-01-22", `1${i}:15`) + i * 7_777, "revision", "Rev.1", "Updated after comments received by correspondence."));
  if (febRevised[3]) revise(febRevised[3], g("2020-01-23", "16:40") + 2_468, "addendum", "Add.1", "Annex with the measurement data.");

  // The extension, and the submission it lets in (admitted at once, LATE).
  timeline.add(g("2020-01-24", "17:30"), "extension for Côte d'Ivoire", () => {
    const civ = must(
      grantExtension(sec(), CLOSED_MEETING, {
        organisationId: delegate(org("CIV")).organisation!.id,
        untilAt: g("2020-01-27", "12:00"),
        reason: "Nationwide power outage on 24 January reported by the delegation; granted until Monday noon.",
      }),
      "extension",
    );
    if (!civ) throw new Error("no extension");
    summary.extensions++;
  });
  const civLate = subjects.next(CLOSED_MEETING, org("CIV"), g("2020-01-26", "15:20") + 48_002, "February (CIV, inside its extension)", { question: 7 });
  submit(civLate, { expect: "late" });

  // After the cutoff: refused, then filed as late requests; the secretariat decides each one differently.
  const late = {
    admit: subjects.next(CLOSED_MEETING, org("EGY"), g("2020-01-25", "09:20") + 5_119, "late request (EGY)", { question: 2, pattern: "text" }),
    defer: subjects.next(CLOSED_MEETING, org("ORC"), g("2020-01-25", "16:08") + 40_721, "late request (ORC)", { question: 4, pattern: "newWorkItem" }),
    td: subjects.next(CLOSED_MEETING, org("KES"), g("2020-01-26", "11:30") + 11_003, "late request (KES)", { question: 6, pattern: "pilot" }),
    decline: subjects.next(CLOSED_MEETING, org("LIT"), g("2020-01-30", "08:45") + 27_310, "late request (LIT)", { question: 2, pattern: "comments" }),
  };
  refusedSubmission(late.admit, g("2020-01-25", "09:12") + 3_400);
  refusedSubmission(late.defer, g("2020-01-25", "16:05") + 12_900);
  const explanations: Record<keyof typeof late, string> = {
    admit: "The national coordination meeting that approves our contributions ended on 24 January; the text could only be sent this morning.",
    defer: "Our upload failed twice on Friday evening because of the company's proxy.",
    td: "The pilot report of our consortium was only released on 25 January.",
    decline: "The co-authors' approval took longer than planned.",
  };
  for (const key of Object.keys(late) as Array<keyof typeof late>) {
    const p = late[key];
    submit(p, { lateRequest: explanations[key] });
  }
  decide(requestOf(late.admit), g("2020-01-27", "10:05"), { decision: "admit", reason: "Needed for the discussion of Q2/20 on the first day; the rapporteur agreed." }, "admit");
  decide(
    requestOf(late.defer),
    g("2020-01-27", "10:12"),
    { decision: "defer", deferTo: OPEN_MEETING, reason: "It needs the Q4/20 work item that this meeting is to agree first: deferred to the July meeting." },
    "defer",
  );
  decide(
    requestOf(late.td),
    g("2020-01-27", "10:20"),
    { decision: "reissue_as_td", tdReference: "TD 1432 (WP2/20)", reason: "A report of an external consortium: reissued as a TD for information." },
    "TD",
  );
  decide(requestOf(late.decline), g("2020-01-31", "09:00"), { decision: "decline", reason: "Received after the agreed cutoff for late documents; please submit it to the next meeting." }, "decline");

  // A late revision: refused as such, filed as a late request, admitted.
  const korea = feb.find((p) => p.org.key === "KOR")!;
  revise(korea, g("2020-01-28", "09:05") + 1_234, "revision", "Rev.1", "Editorial corrections.", { expectRefusal: "deadline_passed" });
  revise(korea, g("2020-01-28", "09:10") + 9_876, "revision", "Rev.1", "Editorial corrections requested by the Q3/20 rapporteur.", {
    lateRequest: "The rapporteur asked for these corrections on 27 January.",
  });
  decide(() => lateRevisionIds.get(`${korea.label} Rev.1`)!, g("2020-01-28", "15:00"), { decision: "admit", reason: "Editorial only, and requested by the rapporteur." }, "admit revision");

  // The rapporteurs read everything before the meeting.
  for (const p of [...feb, civLate]) {
    const when = Math.max(p.at + 6 * HOUR, g("2020-01-27", "08:00")) + Math.floor(rng() * 3 * DAY);
    const state: ReviewState = rng() < 0.85 ? "ready" : "in_review";
    review(p, Math.min(when, g("2020-02-02", "18:00")), state, rng() < 0.2 ? pick(rng, COMMENTS) : undefined);
  }

  // ================================================================ the July 2020 meeting, in progress
  // Three weeks of arrivals, with the last-day surge, up to just before the demo's 18:00 on 23 June.
  const julyDays = days("2020-06-02", "2020-06-23");
  const julyWeight = (d: string) =>
    d === "2020-06-23" ? 20 : d === "2020-06-22" ? 14 : isWeekend(d) ? (d >= "2020-06-20" ? 1.5 : 0.3) : d >= "2020-06-15" ? 2.5 : d >= "2020-06-08" ? 1.5 : 1;
  const july: Planned[] = [];
  const everyone = shuffle(rng, ORGANISATIONS);
  for (let i = 0; i < 80; i++) {
    const day = weighted(rng, julyDays, julyWeight);
    const when = arrivalOn(rng, day, day === "2020-06-23" ? { from: 30, to: 17 * 60 + 57, lateSkew: 0.6 } : {});
    // Every organisation contributes at least once; the rest by how active each is.
    const who = i < everyone.length ? everyone[i] : weighted(rng, ORGANISATIONS, (o) => o.weight);
    july.push(subjects.next(OPEN_MEETING, who, when, `July ${i + 1} (${who.key})`));
  }
  july.sort((a, b) => a.at - b.at);
  for (const p of july) submit(p);

  // Revisions, addenda, a corrigendum: on contributions that arrived well before the last days.
  const early = july.filter((p) => p.at < g("2020-06-19", "00:00"));
  const revisable = shuffle(rng, early);
  const withdrawn = revisable.slice(0, 2);
  const revised = revisable.slice(2, 12);
  const addenda = revisable.slice(12, 15);
  const corrected = revisable.slice(15, 16);
  revised.forEach((p, i) => {
    const first = Math.min(p.at + (1 + Math.floor(rng() * 4)) * DAY + Math.floor(rng() * 5 * HOUR), g("2020-06-23", "12:00") + i * 61_000);
    revise(p, first, "revision", "Rev.1", "Updated requirements clause after the rapporteur's comments.");
    if (i < 2) revise(p, first + DAY / 2 + i * HOUR, "revision", "Rev.2", "Aligned with the output of the Q-group e-meeting.");
  });
  addenda.forEach((p, i) => revise(p, p.at + (2 + i) * DAY, "addendum", "Add.1", "Annex with the survey data."));
  corrected.forEach((p) => revise(p, p.at + DAY + 3 * HOUR, "corrigendum", "Corr.1", "Corrects the numbering of the figures."));
  withdrawn.forEach((p, i) => {
    const when = i === 0 ? g("2020-06-19", "11:20") + 7_000 : g("2020-06-22", "16:05") + 3_000;
    p.withdrawnAt = Math.max(when, p.at + HOUR);
    timeline.add(p.withdrawnAt, `withdrawal of ${p.label}`, () => {
      must(withdrawContribution(delegate(p.org), p.id!, WITHDRAWAL_REASONS[i]), `withdrawal of ${p.label}`);
      meetingCount(OPEN_MEETING).withdrawn++;
    });
  });

  // Refused before the cutoff: the SG17 Associate again, and a Word file with macros.
  timeline.add(g("2020-06-18", "14:12") + 8_080, "the SG17 Associate tries again", async () => {
    const p = subjects.next(OPEN_MEETING, ORGANISATIONS[0], 0, "SG17 attempt (July)", { question: 6, pattern: "text" });
    const metadata = submissionMetadata.parse({
      title: p.title,
      questions: ["Q6/20"],
      purpose: p.purpose,
      contacts: [{ name: "Carlos Mendes", organization: "SecureIoT Example S.A.", country: "Brazil", email: "carlos.mendes@associate-sg17.example" }],
    });
    mustFail(await submitContribution(actorOf(SG17_ASSOCIATE), OPEN_MEETING, metadata, await uploadOf(await documentFor(p), "SIE-Q6-text.docx", g("2020-06-18", "14:12"))), "forbidden", "SG17 Associate (July)");
    refused("forbidden");
  });
  timeline.add(g("2020-06-22", "10:31") + 15_500, "a Word file with macros", async () => {
    const p = july.find((c) => c.org.key === "HAN" && c.at > g("2020-06-22", "10:32")) ?? july.find((c) => c.org.key === "HAN")!;
    const metadata = submissionMetadata.parse({
      title: p.title,
      questions: p.questions.map((q) => `Q${q}/20`),
      purpose: p.purpose,
      contacts: [{ name: p.org.delegate.name, organization: p.org.name, country: p.org.country, email: p.org.delegate.contactEmail }],
    });
    const bytes = await makeTemplateDocx({ title: p.title, questions: "Q2/20", source: p.org.name }, { macro: true });
    const result = await submitContribution(delegate(p.org), OPEN_MEETING, metadata, await uploadOf(bytes, p.fileName, g("2020-06-22", "10:31")));
    if (result.ok) throw new Error("a macro-enabled document was accepted");
    refused("macro_enabled");
  });

  // An extension granted ahead of the cutoff, shown in the July late report.
  timeline.add(g("2020-06-22", "14:00"), "extension for the Lakeside Institute", () => {
    must(
      grantExtension(sec(), OPEN_MEETING, {
        organisationId: delegate(org("LIT")).organisation!.id,
        untilAt: g("2020-06-25", "12:00"),
        reason: "The campus network is shut down for works on 23 June; the delegation asked in advance.",
      }),
      "July extension",
    );
    summary.extensions++;
  });

  // The rapporteurs' mornings: review states and comments on what arrived, each by the rapporteur of its first Question.
  for (const p of july) {
    if (p.at > g("2020-06-23", "09:00")) continue;
    const q = p.questions[0];
    const diligent = q === 3 || q === 6;
    if (!diligent && rng() < 0.5) continue;
    let when = p.at + (8 + Math.floor(rng() * 40)) * HOUR;
    if (when > g("2020-06-23", "15:00")) when = g("2020-06-23", "15:00") + Math.floor(rng() * 2 * HOUR);
    const r = rng();
    const state: ReviewState = r < 0.55 ? "in_review" : r < 0.8 ? "ready" : r < 0.9 ? "needs_clarification" : "new";
    const comment = state === "needs_clarification" ? pick(rng, COMMENTS.filter((c) => c.clarify)) : rng() < 0.35 ? pick(rng, COMMENTS.filter((c) => !c.clarify)) : undefined;
    review(p, when, state, comment);
  }
  // When each rapporteur last opened the queue: what arrived since counts as new.
  const visits: Array<[string, string, string]> = [
    [RAPPORTEUR_Q3, "3", "2020-06-22T18:30"],
    [RAPPORTEUR_Q6, "6", "2020-06-23T08:15"],
    ...NEW_RAPPORTEURS.map((r): [string, string, string] => [r.email, String(r.question), "2020-06-22T09:00"]),
  ];
  for (const [email, q, when] of visits) {
    const [date, time] = when.split("T");
    timeline.add(g(date, time), `visit of Q${q}/20`, () => {
      must(recordQuestionVisit(actorOf(email), `Q${q}/20`), `visit of Q${q}/20`);
    });
  }

  summary.steps = await timeline.play();
  pinClock(null);
  await outboxSettled();
  summary.ms = Math.round(performance.now() - started);
  return summary;
}

/** Receipt e-mails are written after each answer: wait until the outbox stops growing (bounded). */
async function outboxSettled(): Promise<void> {
  const dir = path.join(settings().dataDir, "outbox");
  const countFiles = () => {
    try {
      return readdirSync(dir).length;
    } catch {
      return 0;
    }
  };
  let last = -1;
  let stable = 0;
  for (let i = 0; i < 200 && stable < 3; i++) {
    const n = countFiles();
    stable = n === last ? stable + 1 : 0;
    last = n;
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}
