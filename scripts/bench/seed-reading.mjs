// Seeds N realistic contributions into a demo database (one transaction, better-sqlite3), for the reading benchmark.
// Each version has its own stored_files row and a small file on disk at its content address, so the ZIP stays whole.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { benchParagraphs, makeDocxSync } from "./seed-text.mjs";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A small deterministic PRNG (mulberry32), so every run seeds the same data. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES = ["Switzerland", "France", "China", "Korea (Rep. of)", "Japan", "United States", "Brazil", "India", "Nigeria", "Egypt", "Germany", "Russian Federation"];
const TOPICS = ["IoT data interoperability", "smart city KPIs", "digital twin of a city", "LPWAN gateway management", "edge computing for IoT", "trust in smart sustainable cities", "IoT device identification", "city platform APIs", "sensor calibration metadata", "urban mobility data"];
const PURPOSES = ["Proposal", "Proposal", "Proposal", "Information", "Discussion", "Decision", "Other"];

/**
 * @param dbPath the tracker.db (already migrated and seeded with the demo)
 * @param dataDir the DATA_DIR (files go to <dataDir>/files/ab/cd/<sha256>)
 * @param options.documents "stub": a few bytes of PDF per version (the reading benchmark), whose text jobs are then
 *   settled as the queue would settle them, so that the server reads in a steady state; "docx": a real Word file of
 *   about `words` words per version, its text job pending (the search benchmark measures the queue reading them all)
 */
export function seedContributions(dbPath, dataDir, { count = 20_000, seed = 20_200_623, documents = "stub", words = 600 } = {}) {
  const rand = prng(seed);
  const textRand = prng(seed + 1); // apart, so that the documents' text leaves the rest of the seed as it was
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const db = new Database(dbPath);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL"); // a seed, not a receipt
  db.pragma("foreign_keys = ON");

  const meeting = db.prepare("select * from meetings where code = 'SG20-2020-07'").get();
  const deadline = meeting.deadline_at;
  const questions = db.prepare("select id, code, working_party_id from questions where study_group_id = ? and study_period_id = ? order by number").all(meeting.study_group_id, meeting.study_period_id);
  const secretariat = db.prepare("select id from users where email = 'tsb.sg20@secretariat.example'").get().id;
  const rapporteurQ3 = db.prepare("select id from users where email = 'rapporteur.q3@sg20.example'").get().id;
  const demoHash = db.prepare("select password_hash from users where email = 'delegate@telco.example'").get().password_hash;
  const existing = db
    .prepare(
      `select u.id as userId, u.organisation_id as orgId, u.name as name, o.name as orgName, o.country as country from users u join organisations o on o.id = u.organisation_id
       where u.email in ('delegate@admin-ch.example','delegate@telco.example','delegate@university.example','delegate@associate-sg20.example')`,
    )
    .all();
  const filesDir = path.join(dataDir, "files");
  const at = deadline - 30 * DAY;
  const counts = { contributions: 0, multiQuestion: 0, q3: 0, late: 0, lateRequests: 0, refused: 0, withdrawn: 0, reviews: 0, extensions: 0 };

  const run = db.transaction(() => {
    // 36 more member organisations, one delegate each: 40 sources in all.
    const insertOrg = db.prepare("insert into organisations (name, country, member_type, associate_study_group_id, created_at) values (?, ?, ?, null, ?) returning id");
    const insertUser = db.prepare("insert into users (email, name, password_hash, organisation_id, active, created_at) values (?, ?, ?, ?, 1, ?) returning id");
    const members = [...existing];
    for (let k = 1; k <= 36; k++) {
      const country = COUNTRIES[k % COUNTRIES.length];
      const type = k % 3 === 0 ? "member_state" : k % 3 === 1 ? "sector_member" : "academia";
      const orgName = type === "member_state" ? `${country} (Administration ${k})` : `Bench ${type === "academia" ? "University" : "Networks"} ${k}`;
      const orgId = insertOrg.get(orgName, country, type, at).id;
      const userId = insertUser.get(`delegate${k}@bench-org${k}.example`, `Delegate ${k}`, demoHash, orgId, at).id;
      members.push({ userId, orgId, name: `Delegate ${k}`, orgName, country });
    }

    // Receipt instants: three weeks before the cutoff, crowding towards it; ~2% after it.
    const plan = [];
    for (let i = 0; i < count; i++) {
      const late = rand() < 0.02;
      const receivedAt = late ? deadline + Math.floor(rand() * rand() * 12 * HOUR) : deadline - 1 - Math.floor(Math.pow(rand(), 3) * 21 * DAY);
      let fate = "active";
      if (late) {
        const r = rand();
        fate = r < 0.4 ? "awaiting" : r < 0.75 ? "admitted_late" : r < 0.85 ? "extension" : "declined";
      } else if (rand() < 0.02) fate = "withdrawn";
      plan.push({ receivedAt, fate, member: pick(members) });
    }
    plan.sort((a, b) => a.receivedAt - b.receivedAt);

    // Extensions for the organisations whose late documents came in through one.
    const insertExtension = db.prepare("insert into extensions (meeting_id, organisation_id, user_id, until_at, reason, granted_by_user_id, granted_at) values (?, ?, null, ?, ?, ?, ?)");
    const extended = new Set(plan.filter((p) => p.fate === "extension").map((p) => p.member.orgId));
    for (const orgId of extended) {
      insertExtension.run(meeting.id, orgId, deadline + 24 * HOUR, "Network outage reported to TSB before the cutoff", secretariat, deadline - 2 * HOUR);
      counts.extensions++;
    }

    const insertFile = db.prepare("insert into stored_files (sha256, size, media_type, kind, created_at) values (?, ?, ?, ?, ?) returning id");
    const fileType = documents === "docx" ? ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"] : ["application/pdf", "pdf"];
    const insertContribution = db.prepare(
      `insert into contributions (meeting_id, study_group_id, study_period_id, number, organisation_id, submitter_user_id, title, purpose, abstract, keywords, working_party_id, status, withdrawn_at, withdrawn_reason, withdrawn_by_user_id, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    );
    const insertCq = db.prepare("insert into contribution_questions (contribution_id, question_id) values (?, ?)");
    const insertContact = db.prepare("insert into contribution_contacts (contribution_id, position, name, organization, country, phone, email) values (?, 0, ?, ?, ?, '', ?)");
    const insertVersion = db.prepare(
      `insert into contribution_versions (contribution_id, kind, ordinal, file_id, original_name, submitted_by_user_id, request_started_at, received_at, state)
       values (?, 'original', 0, ?, ?, ?, ?, ?, ?) returning id`,
    );
    const insertLate = db.prepare(
      `insert into late_requests (meeting_id, contribution_id, version_id, kind, requested_by_user_id, organisation_id, requested_at, explanation, status, decided_by_user_id, decided_at, decision_reason)
       values (?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertReview = db.prepare("insert into reviews (contribution_id, state, reviewed_version_id, updated_by_user_id, updated_at) values (?, ?, ?, ?, ?)");
    const insertAudit = db.prepare("insert into audit_log (at, actor_user_id, action, entity_type, entity_id, meeting_id, details) values (?, ?, ?, 'contribution', ?, ?, ?)");

    const dirs = new Set();
    let number = 0;
    plan.forEach((p, i) => {
      const content =
        documents === "docx"
          ? makeDocxSync(benchParagraphs(textRand, i, words))
          : Buffer.from(`%PDF-1.4\n% seeded contribution ${i} of the reading benchmark\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);
      const sha256 = createHash("sha256").update(content).digest("hex");
      const dir = path.join(filesDir, sha256.slice(0, 2), sha256.slice(2, 4));
      if (!dirs.has(dir)) {
        mkdirSync(dir, { recursive: true });
        dirs.add(dir);
      }
      writeFileSync(path.join(dir, sha256), content);
      const fileId = insertFile.get(sha256, content.length, ...fileType, p.receivedAt).id;

      const q1 = questions[Math.floor(rand() * questions.length)];
      const qs = [q1];
      if (rand() < 0.12) {
        let q2 = q1;
        while (q2 === q1) q2 = questions[Math.floor(rand() * questions.length)];
        qs.push(q2);
        counts.multiQuestion++;
      }
      const numbered = p.fate === "active" || p.fate === "withdrawn" || p.fate === "admitted_late" || p.fate === "extension";
      const status = { active: "active", withdrawn: "withdrawn", admitted_late: "active", extension: "active", awaiting: "late_request", declined: "declined" }[p.fate];
      const title = `${pick(TOPICS)}: ${pick(["proposed text for", "comments on", "new work item on", "revision of"])} draft Recommendation Y.${4400 + (i % 120)}`;
      const cid = insertContribution.get(
        meeting.id,
        meeting.study_group_id,
        meeting.study_period_id,
        numbered ? ++number : null,
        p.member.orgId,
        p.member.userId,
        title,
        pick(PURPOSES),
        `This contribution (${p.member.orgName}) addresses ${pick(TOPICS)} for ${q1.code}.`,
        `${pick(TOPICS)}; IoT; SC&C`,
        q1.working_party_id,
        status,
        p.fate === "withdrawn" ? p.receivedAt + 2 * DAY : null,
        p.fate === "withdrawn" ? "Merged into a joint contribution" : null,
        p.fate === "withdrawn" ? p.member.userId : null,
        p.receivedAt,
        p.receivedAt,
      ).id;
      for (const q of qs) insertCq.run(cid, q.id);
      if (qs.some((q) => q.code === "Q3/20")) counts.q3++;
      insertContact.run(cid, p.member.name, p.member.orgName, p.member.country, `contact${i}@bench.example`);
      const versionState = p.fate === "awaiting" ? "pending" : p.fate === "declined" ? "refused" : "accepted";
      const vid = insertVersion.get(cid, fileId, `contribution-${i}.${fileType[1]}`, p.member.userId, p.receivedAt - 1500, p.receivedAt, versionState).id;
      if (p.fate === "awaiting" || p.fate === "admitted_late" || p.fate === "declined") {
        const decided = p.fate !== "awaiting";
        insertLate.run(
          meeting.id,
          cid,
          vid,
          p.member.userId,
          p.member.orgId,
          p.receivedAt,
          "Our internal approval was only given after the cutoff.",
          p.fate === "awaiting" ? "awaiting_decision" : p.fate === "admitted_late" ? "admitted" : "declined",
          decided ? secretariat : null,
          decided ? p.receivedAt + 6 * HOUR : null,
          decided ? (p.fate === "admitted_late" ? "Admitted by the chair" : "Declined: too late for the agenda") : null,
        );
        counts.lateRequests++;
      }
      if (p.receivedAt >= deadline) counts.late++;
      if (p.fate === "withdrawn") counts.withdrawn++;
      // The Q3 rapporteur has started reviewing: about a quarter of the on-time documents have a state.
      if (status === "active" && rand() < 0.25) {
        insertReview.run(cid, pick(["in_review", "ready", "needs_clarification", "in_review"]), vid, rapporteurQ3, p.receivedAt + DAY);
        counts.reviews++;
      }
      insertAudit.run(
        p.receivedAt,
        p.member.userId,
        status === "late_request" ? "late_request.file" : "contribution.submit",
        String(cid),
        meeting.id,
        JSON.stringify({ number: numbered ? number : null, sha256, size: content.length, receivedAt: p.receivedAt, late: p.receivedAt >= deadline }),
      );
      counts.contributions++;
    });

    // Refused attempts: mostly after the cutoff, some bad files and forbidden ones before it.
    const insertRefused = db.prepare("insert into refused_attempts (meeting_id, contribution_id, user_id, organisation_id, at, action, code, file_name, size) values (?, null, ?, ?, ?, ?, ?, ?, ?)");
    const refusedCount = Math.round(count * 0.03);
    for (let k = 0; k < refusedCount; k++) {
      const m = pick(members);
      const r = rand();
      const code = r < 0.7 ? "deadline_passed" : r < 0.9 ? "unsupported_type" : "executable";
      const when = code === "deadline_passed" ? deadline + Math.floor(rand() * 24 * HOUR) : deadline - Math.floor(rand() * 7 * DAY);
      insertRefused.run(meeting.id, m.userId, m.orgId, when, "submit", code, code === "deadline_passed" ? `late-${k}.docx` : `refused-${k}.exe`, 10_000 + Math.floor(rand() * 2_000_000));
      counts.refused++;
    }
  });
  run();
  // Each stored file got its text job from a trigger. The stubs are no PDF at all: what the queue concludes for them
  // ("damaged", no text) is written at once, as on a server that has been running for weeks.
  const hasTextJobs = db.prepare("select 1 from sqlite_master where name = 'file_texts'").get();
  if (hasTextJobs && documents === "stub") db.prepare("update file_texts set state = 'no_text', reason = 'damaged', attempts = 1 where state = 'pending'").run();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return counts;
}
