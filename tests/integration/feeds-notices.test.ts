// Being told: a Question's Atom feed (read by a real feed parser, fetched with a revocable feed key), and e-mail notices
// to rapporteurs and followers: at once, as a daily digest at a Geneva hour, or none; each only of what its reader may
// open; made from the audit log, never twice.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadActor } from "@/lib/data/actor";
import { createAccount } from "@/lib/data/account-admin";
import { addComment } from "@/lib/data/review-state";
import { decideLateRequest } from "@/lib/data/late-decisions";
import { createFeedKey, getFeedKey, revokeFeedKey } from "@/lib/data/feeds";
import { dispatchNotices as dispatch, followContribution, getNoticePreferences, setNoticePreferences, unfollowContribution } from "@/lib/data/notices";
import { parseEml, type OutboxMessage } from "@/lib/data/outbox";
import { deliverDueMail } from "@/lib/mail/worker";
import { pinClock } from "@/lib/time/clock";
import type { Actor } from "@/lib/auth/permissions";
import * as feedRoute from "@/app/api/v1/questions/[question]/feed.atom/route";
import { freshEnv, SG20_DEADLINE, type TestEnv } from "../support/db";
import { makePlainDocx } from "../support/make-docx";
import { jsonOf, metadata, ORIGIN, postContribution, postLateRequest, postRevision, RAPPORTEUR_Q3, SECRETARIAT, SWITZERLAND, TELCO, tokensFor, UNIVERSITY, userIdOf } from "../support/api";

const RAPPORTEUR_Q6 = "rapporteur.q6@sg20.example";
const COLLEAGUE = "colleague@admin-ch.example"; // a second delegate of organisation A (Switzerland)

let env: TestEnv;
let tokens: Record<string, string>;

/** One pass of the notice dispatcher, then of the mail worker: the notices it queued are sent (to the demo's outbox). */
async function dispatchNotices(): Promise<void> {
  await dispatch();
  while ((await deliverDueMail()).claimed > 0);
}

function actor(email: string): Actor {
  return loadActor(userIdOf(env, email))!;
}

function outbox(): OutboxMessage[] {
  const dir = path.join(env.dataDir, "outbox");
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith(".eml")).sort();
  } catch {
    return [];
  }
  return names.map((f) => parseEml(f.replace(/\.eml$/, ""), readFileSync(path.join(dir, f), "latin1")));
}

/** The ids of the mail sent so far (the clock is pinned: names of one instant do not sort by time). */
function sent(): Set<string> {
  return new Set(outbox().map((m) => m.id));
}

/** The notices sent since `before` (receipts and other mail left out), to whom, about what. */
function noticesSince(before: Set<string>): Array<{ to: string; subject: string; text: string }> {
  return outbox()
    .filter((m) => !before.has(m.id))
    .filter((m) => (m.text ?? "").includes("because you chose them on your account page"))
    .map((m) => ({ to: m.to.join(","), subject: m.subject, text: m.text ?? "" }));
}

async function submit(as: string, title: string, questions = ["Q3/20"], late = false): Promise<{ id: number; versionId: number; lateRequestId: number | null; displayNumber: string }> {
  const body = { metadata: metadata({ title, questions, ...(late ? { explanation: "Outage" } : {}) }), file: { bytes: await makePlainDocx([`${title} text.`]), name: "c.docx" } };
  const res = late ? await postLateRequest(tokens[as], body) : await postContribution(tokens[as], body);
  const json = await jsonOf(res);
  expect(res.status, JSON.stringify(json)).toBe(late ? 202 : 201);
  return json as { id: number; versionId: number; lateRequestId: number | null; displayNumber: string };
}

async function feed(query: string, headers: Record<string, string> = {}, question = "Q3-20"): Promise<{ status: number; type: string | null; text: string }> {
  const res = await feedRoute.GET(new Request(`${ORIGIN}/api/v1/questions/${question}/feed.atom${query}`, { headers }), { params: Promise.resolve({ question }) });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

/** Well-formed XML (saxes, strict), and the Atom elements RFC 4287 requires of a feed and of each entry. */
function checkAtom(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  const path: string[] = [];
  const seen = new Map<string, Set<string>>();
  let entry = 0;
  parser.on("error", (e) => {
    throw e;
  });
  parser.on("opentag", (tag) => {
    if (tag.local === "entry") entry++;
    const owner = path.at(-1) === "entry" ? `entry${entry}` : path.at(-1) ?? "";
    if (!seen.has(owner)) seen.set(owner, new Set());
    seen.get(owner)!.add(tag.local);
    path.push(tag.local);
    if (path.length === 1) expect(tag.uri).toBe("http://www.w3.org/2005/Atom");
  });
  parser.on("closetag", () => path.pop());
  parser.write(xml).close();
  for (const required of ["id", "title", "updated", "author"]) expect(seen.get("feed")?.has(required), `feed/${required}`).toBe(true);
  for (let i = 1; i <= entry; i++) for (const required of ["id", "title", "updated", "link"]) expect(seen.get(`entry${i}`)?.has(required), `entry ${i}/${required}`).toBe(true);
}

beforeAll(async () => {
  env = await freshEnv();
  const made = await createAccount(actor(SECRETARIAT), { email: COLLEAGUE, name: "A colleague", organisationId: actor(SWITZERLAND).organisation!.id });
  if (!made.ok) throw new Error(made.key);
  tokens = await tokensFor([SWITZERLAND, TELCO, UNIVERSITY, RAPPORTEUR_Q3, RAPPORTEUR_Q6, SECRETARIAT]);
}, 60_000);

afterAll(() => env.cleanup());

beforeEach(() => {
  // The demo: the mail worker writes to the outbox, where these tests read what was sent.
  vi.stubEnv("DEMO_MODE", "1");
  vi.stubEnv("SMTP_URL", "");
});

describe("the Atom feed of a Question", () => {
  let onTime: { id: number; versionId: number };
  let late: { id: number };

  beforeAll(async () => {
    onTime = await submit(SWITZERLAND, "Feed fixture on time");
    await postRevision(tokens[SWITZERLAND], onTime.id, { metadata: {}, file: { bytes: await makePlainDocx(["Revised."]), name: "r.docx" } });
    await submit(TELCO, "Feed fixture for Q6", ["Q6/20"]);
    pinClock(SG20_DEADLINE + 60_000);
    late = await submit(SWITZERLAND, "Feed fixture late request", ["Q3/20"], true);
  });

  it("is Atom 1.0 a feed reader understands: ids as tag: URIs, times in UTC, newest first", async () => {
    const res = await feed("", { authorization: `Bearer ${tokens[RAPPORTEUR_Q3]}` });
    expect(res.status).toBe(200);
    expect(res.type).toBe("application/atom+xml; charset=utf-8");
    checkAtom(res.text);
    const parsed = parseFeed(res.text);
    expect(parsed.meta.type).toBe("atom");
    expect(parsed.title).toBe("Q3/20: Architectures, management, protocols and Quality of Service");
    expect(parsed.items.map((i) => i.title)).toEqual([
      "Late request: Feed fixture late request",
      "COM 20-C 1 Rev.1: Feed fixture on time",
      "COM 20-C 1: Feed fixture on time",
    ]);
    for (const item of parsed.items) {
      expect(item.id).toMatch(/^tag:127\.0\.0\.1,\d{4}-\d{2}-\d{2}:contribution-version\/\d+$/);
      expect(item.url).toMatch(/^http:\/\/127\.0\.0\.1\/contributions\/\d+$/);
      expect(item.updated?.toISOString()).toBeDefined();
    }
    expect(res.text).toMatch(/<updated>2020-06-23T22:01:00Z<\/updated>/);
    // The same entry keeps its id from one fetch to the next.
    const again = parseFeed((await feed("", { authorization: `Bearer ${tokens[RAPPORTEUR_Q3]}` })).text);
    expect(again.items.map((i) => i.id)).toEqual(parsed.items.map((i) => i.id));
  });

  it("holds only what its reader may open: another member does not see the late request", async () => {
    const telco = parseFeed((await feed("", { authorization: `Bearer ${tokens[TELCO]}` })).text);
    expect(telco.items.map((i) => i.title)).toEqual(["COM 20-C 1 Rev.1: Feed fixture on time", "COM 20-C 1: Feed fixture on time"]);
    expect(telco.items.some((i) => i.url?.endsWith(`/contributions/${late.id}`))).toBe(false);
  });

  it("opens to a feed key in the URL until the key is revoked; anything else is 401", async () => {
    expect((await feed("", { authorization: "Bearer ctk_made-up" })).status).toBe(401);
    expect((await feed("?key=cfk_made-up")).status).toBe(401);
    // A token is not a feed key, nor a key a token.
    expect((await feed(`?key=${tokens[UNIVERSITY]}`)).status).toBe(401);
    const made = createFeedKey(actor(UNIVERSITY));
    if (!made.ok) throw new Error(made.key);
    const ok = await feed(`?key=${encodeURIComponent(made.value.key)}`);
    expect(ok.status).toBe(200);
    expect(parseFeed(ok.text).items).toHaveLength(2);
    expect(getFeedKey(actor(UNIVERSITY))?.lastUsedAt).not.toBeNull();
    // Only the hash is stored.
    const stored = env.db.$client.prepare("SELECT key_hash FROM feed_keys WHERE user_id = ?").all(userIdOf(env, UNIVERSITY)) as Array<{ key_hash: string }>;
    expect(stored.some((r) => r.key_hash.includes(made.value.key))).toBe(false);
    // A new key replaces the old one; revoking ends it.
    const second = createFeedKey(actor(UNIVERSITY));
    if (!second.ok) throw new Error(second.key);
    expect((await feed(`?key=${encodeURIComponent(made.value.key)}`)).status).toBe(401);
    expect((await feed(`?key=${encodeURIComponent(second.value.key)}`)).status).toBe(200);
    expect(revokeFeedKey(actor(UNIVERSITY)).ok).toBe(true);
    expect((await feed(`?key=${encodeURIComponent(second.value.key)}`)).status).toBe(401);
    expect(revokeFeedKey(actor(UNIVERSITY))).toMatchObject({ ok: false, code: "not_found" });
  });

  it("an unknown Question is not found", async () => {
    expect((await feed("", { authorization: `Bearer ${tokens[TELCO]}` }, "Q99-20")).status).toBe(404);
  });
});

describe("e-mail notices", () => {
  it("are off by default, and the first pass sends nothing of what happened before notices existed", async () => {
    expect(getNoticePreferences(actor(RAPPORTEUR_Q3))).toEqual({ mode: "none", digestHour: 8 });
    const before = sent();
    await dispatchNotices();
    expect(setNoticePreferences(actor(RAPPORTEUR_Q3), { mode: "immediate" }).ok).toBe(true);
    await dispatchNotices();
    expect(noticesSince(before)).toEqual([]);
    expect(setNoticePreferences(actor(RAPPORTEUR_Q3), { mode: "hourly" })).toMatchObject({ ok: false, code: "invalid" });
    expect(setNoticePreferences(actor(RAPPORTEUR_Q3), { mode: "daily", digestHour: 24 })).toMatchObject({ ok: false, code: "invalid" });
  });

  it("tell each rapporteur of new and late contributions to their Questions, at once; a follower of new versions and of comments shared with its organisation", async () => {
    pinClock(SG20_DEADLINE - 3 * 3_600_000);
    expect(setNoticePreferences(actor(RAPPORTEUR_Q6), { mode: "immediate" }).ok).toBe(true);
    expect(setNoticePreferences(actor(UNIVERSITY), { mode: "immediate" }).ok).toBe(true);
    expect(setNoticePreferences(actor(COLLEAGUE), { mode: "immediate" }).ok).toBe(true);
    expect(setNoticePreferences(actor(TELCO), { mode: "none" }).ok).toBe(true);
    let before = sent();
    const c = await submit(SWITZERLAND, "Notice fixture zigbee");
    // The pass queues the e-mail in the transaction that marks its item as told (a crash then delays it, never loses it)…
    await dispatch();
    const queued = env.db.$client
      .prepare("SELECT m.kind, m.to_addresses AS too, m.sent_at AS sentAt FROM notice_items i JOIN mail_queue m ON m.id = i.mail_id WHERE i.contribution_id = ?")
      .all(c.id);
    expect(queued).toEqual([{ kind: "notice", too: JSON.stringify([RAPPORTEUR_Q3]), sentAt: null }]);
    // …and the mail worker sends it.
    await dispatchNotices();
    expect(noticesSince(before)).toEqual([{ to: RAPPORTEUR_Q3, subject: `New contribution: ${c.displayNumber}: Notice fixture zigbee`, text: expect.stringContaining(`/contributions/${c.id}`) }]);

    // Followers: a member of another organisation, one of the submitting organisation, and one whose notices are off.
    for (const who of [UNIVERSITY, COLLEAGUE, TELCO]) expect(followContribution(actor(who), c.id).ok).toBe(true);
    before = sent();
    await postRevision(tokens[SWITZERLAND], c.id, { metadata: {}, file: { bytes: await makePlainDocx(["Rev.1 text."]), name: "r1.docx" } });
    await dispatchNotices();
    const revised = `New version: ${c.displayNumber}: Notice fixture zigbee`;
    expect(noticesSince(before).map((n) => [n.to, n.subject]).sort()).toEqual(
      [
        [COLLEAGUE, revised],
        [RAPPORTEUR_Q3, revised],
        [UNIVERSITY, revised],
      ].sort(),
    );

    // A comment shared with the submitter reaches the submitting organisation's follower only; an internal one nobody.
    before = sent();
    expect(addComment(actor(RAPPORTEUR_Q3), c.id, "Please align with Y.4400.", true).ok).toBe(true);
    expect(addComment(actor(RAPPORTEUR_Q3), c.id, "Between reviewers only.", false).ok).toBe(true);
    await dispatchNotices();
    expect(noticesSince(before).map((n) => [n.to, n.subject])).toEqual([[COLLEAGUE, `Comment shared with the submitter: ${c.displayNumber}: Notice fixture zigbee`]]);

    // Nothing twice.
    before = sent();
    await dispatchNotices();
    expect(noticesSince(before)).toEqual([]);
    expect(unfollowContribution(actor(UNIVERSITY), c.id).ok).toBe(true);
  });

  it("tell no one of what they may not open: a late revision reaches followers only once it is admitted", async () => {
    const c = await submit(SWITZERLAND, "Notice fixture late revision");
    expect(followContribution(actor(UNIVERSITY), c.id).ok).toBe(true);
    await dispatchNotices();
    pinClock(SG20_DEADLINE + 3_600_000);
    let before = sent();
    const res = await postRevision(tokens[SWITZERLAND], c.id, { metadata: {}, file: { bytes: await makePlainDocx(["Late Rev.1."]), name: "r1.docx" } }, { asLateRequest: true });
    const rev = await jsonOf(res);
    expect(res.status, JSON.stringify(rev)).toBe(202);
    await dispatchNotices();
    // The Question's rapporteur may open a late request; the follower from another organisation may not.
    expect(noticesSince(before).map((n) => [n.to, n.subject])).toEqual([[RAPPORTEUR_Q3, `Late submission request: ${c.displayNumber}: Notice fixture late revision`]]);
    before = sent();
    const decided = await decideLateRequest(actor(SECRETARIAT), rev.lateRequestId, { decision: "admit", reason: "Chair agreed" });
    expect(decided.ok).toBe(true);
    await dispatchNotices();
    expect(
      noticesSince(before)
        .map((n) => [n.to, n.subject])
        .sort(),
    ).toEqual(
      [
        [RAPPORTEUR_Q3, `Admitted to the meeting: ${c.displayNumber}: Notice fixture late revision`],
        [UNIVERSITY, `Admitted to the meeting: ${c.displayNumber}: Notice fixture late revision`],
      ].sort(),
    );
    // A new late request (not a revision) of another organisation: its rapporteur is told, nobody else.
    before = sent();
    await submit(TELCO, "Notice fixture late new", ["Q6/20"], true);
    await dispatchNotices();
    expect(noticesSince(before).map((n) => [n.to, n.subject])).toEqual([[RAPPORTEUR_Q6, "Late submission request: Late request (no number yet): Notice fixture late new"]]);
  });

  it("a daily digest comes once a day at the chosen Geneva hour, with everything since the last", async () => {
    // 24 June 2020, 09:00 Geneva (07:00 UTC): the rapporteur switches to a digest at 10:00 Geneva.
    pinClock(Date.parse("2020-06-24T07:00:00Z"));
    expect(setNoticePreferences(actor(RAPPORTEUR_Q3), { mode: "daily", digestHour: 10 }).ok).toBe(true);
    await dispatchNotices();
    let before = sent();
    await submit(SWITZERLAND, "Digest fixture one", ["Q3/20"], true);
    await submit(TELCO, "Digest fixture two", ["Q3/20"], true);
    await dispatchNotices();
    expect(noticesSince(before)).toEqual([]);
    pinClock(Date.parse("2020-06-24T07:59:59Z"));
    await dispatchNotices();
    expect(noticesSince(before)).toEqual([]);
    // 10:00 Geneva = 08:00 UTC in summer.
    pinClock(Date.parse("2020-06-24T08:00:00Z"));
    await dispatchNotices();
    const digest = noticesSince(before);
    expect(digest).toHaveLength(1);
    expect(digest[0]).toMatchObject({ to: RAPPORTEUR_Q3, subject: "Daily digest: 2 new documents and versions" });
    expect(digest[0].text).toContain("Digest fixture one");
    expect(digest[0].text).toContain("Digest fixture two");
    before = sent();
    pinClock(Date.parse("2020-06-24T20:00:00Z"));
    await submit(SWITZERLAND, "Digest fixture three", ["Q3/20"], true);
    await dispatchNotices();
    expect(noticesSince(before)).toEqual([]);
    pinClock(Date.parse("2020-06-25T08:00:30Z"));
    await dispatchNotices();
    await dispatchNotices();
    expect(noticesSince(before).map((n) => n.subject)).toEqual(["Daily digest: one new document"]);
  });

  it("are written in the reader's language", async () => {
    env.db.$client.prepare("UPDATE users SET locale = 'ru' WHERE email = ?").run(RAPPORTEUR_Q6);
    pinClock(Date.parse("2020-06-25T09:00:00Z"));
    const before = sent();
    await submit(TELCO, "Language fixture", ["Q6/20"], true);
    await dispatchNotices();
    const [notice] = outbox().filter((m) => !before.has(m.id)).filter((m) => m.to.includes(RAPPORTEUR_Q6));
    expect(notice.subject).toBe("Запрос на позднее представление: Запрос на позднее представление (номера пока нет): Language fixture");
    expect(notice.text ?? "").toContain("потому что выбрали их на странице учётной записи");
  });
});
