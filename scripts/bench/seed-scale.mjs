// Seeds a decade of ITU-T into a demo database for the scale benchmark: 12 study groups over three study periods,
// about 250 meetings from 2017 to 2026, organisations of every kind with their delegates, rapporteurs and TSB
// staff, and N contributions with versions, Questions, contacts, late requests decided each way, extensions,
// withdrawals, reviews, comments, refused attempts and audit entries, in the proportions of a working year.
//
// Rows go into the real migrated tables (so triggers and constraints apply), in one transaction with prepared
// statements. Files: every version points to one of a pool of 64 small real documents (DOCX and PDF) on disk, at
// their content address: writing 300,000 files would measure the disk, not the tracker, and a content-addressed
// store keeps one copy of identical bytes anyway.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { TZDate } from "@date-fns/tz";
import { makeDocx, makePdf } from "./sample-files.mjs";
import { prng } from "./seed-reading.mjs";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The instant the scale phase's server is started at (SIMULATED_NOW): the last meetings of 2026 are under way. */
export const SCALE_NOW = "2026-12-02T10:00:00Z";

// Real ITU-T study groups; SG9 and SG16 merged into SG21 at WTSA-20 (held in March 2022).
const GROUPS = [
  { n: 2, title: "Operational aspects of service provision and telecommunication management", questions: 7, size: 0.35, months: [2, 10], series: "E", topics: ["numbering resources", "IMT-2020 network management", "ENUM", "service quality agreements", "telecommunication management interfaces"] },
  { n: 3, title: "Economic and policy issues", questions: 12, size: 0.6, months: [4, 11], series: "D", topics: ["international mobile roaming", "OTT economics", "mobile financial services", "digital taxation", "international termination rates"] },
  { n: 5, title: "Environment, EMF and circular economy", questions: 9, size: 1.0, months: [5, 11], series: "K", topics: ["EMF exposure assessment", "lightning protection", "e-waste", "energy efficiency of data centres", "circular economy of ICT"] },
  { n: 9, title: "Broadband cable and TV", questions: 10, size: 0.5, months: [4, 11], series: "J", until: 2021, topics: ["cable modem", "IP video delivery", "set-top box software", "4K over cable", "cable access for 5G"] },
  { n: 11, title: "Protocols, testing and combating counterfeiting", questions: 15, size: 1.0, months: [3, 10], series: "Q", topics: ["SIP interworking", "testing of IoT", "counterfeit device detection", "signalling security", "VoLTE interconnection"] },
  { n: 12, title: "Performance, QoS and QoE", questions: 17, size: 1.0, months: [1, 9], series: "P", topics: ["speech quality", "video QoE models", "network performance", "QoS for digital financial services", "automotive communication"] },
  { n: 13, title: "Future networks and emerging network technologies", questions: 21, size: 1.8, months: [3, 7, 11], series: "Y", topics: ["IMT-2020 networks", "machine learning in networks", "quantum key distribution networks", "cloud computing", "network slicing"] },
  { n: 15, title: "Networks, technologies and infrastructures for transport, access and home", questions: 18, size: 3.0, months: [1, 6, 9], series: "G", topics: ["50G PON", "OTN beyond 400G", "time synchronisation", "optical fibre cables", "in-home networking"] },
  { n: 16, title: "Multimedia coding, systems and applications", questions: 28, size: 2.0, months: [1, 7], series: "H", until: 2021, topics: ["versatile video coding", "accessibility", "intelligent transport systems", "e-health", "immersive live experience"] },
  { n: 17, title: "Security", questions: 14, size: 2.0, months: [3, 8, 12], series: "X", topics: ["PKI", "IoT security", "distributed ledger security", "cyber threat intelligence", "quantum-safe cryptography"] },
  { n: 20, title: "Internet of things and smart cities and communities", questions: 7, size: 1.2, months: [2, 7, 12], series: "Y.4", topics: ["IoT data interoperability", "smart city KPIs", "digital twin of a city", "LPWAN gateway management", "edge computing for IoT"] },
  { n: 21, title: "Multimedia, content delivery and cable television", questions: 12, size: 2.2, months: [1, 7], series: "H", from: 2022, topics: ["video coding", "IPTV", "digital signage", "accessibility of media", "cable TV over IP"] },
];

const PERIODS = [
  { code: "T17", label: "2017-2020", firstYear: 2017, lastYear: 2020, until: "2022-03-01" }, // WTSA-20 was postponed to March 2022
  { code: "T22", label: "2022-2024", firstYear: 2022, lastYear: 2024, until: "2024-11-01" },
  { code: "T25", label: "2025-2028", firstYear: 2025, lastYear: 2028, until: "2029-01-01" },
];

const COUNTRIES = [
  "Algeria", "Argentina", "Australia", "Austria", "Azerbaijan", "Bangladesh", "Belgium", "Benin", "Brazil", "Burkina Faso", "Cameroon", "Canada",
  "Chile", "China", "Colombia", "Costa Rica", "Côte d'Ivoire", "Cuba", "Czech Republic", "Democratic Republic of the Congo", "Denmark", "Egypt",
  "Finland", "France", "Gabon", "Germany", "Ghana", "Greece", "Hungary", "India", "Indonesia", "Iran (Islamic Republic of)", "Italy", "Japan",
  "Jordan", "Kazakhstan", "Kenya", "Korea (Republic of)", "Kuwait", "Malaysia", "Mali", "Mexico", "Morocco", "Netherlands", "Niger", "Nigeria",
  "Norway", "Oman", "Pakistan", "Paraguay", "Peru", "Poland", "Portugal", "Qatar", "Russian Federation", "Rwanda", "Saudi Arabia", "Senegal",
  "Singapore", "South Africa", "Spain", "Sudan", "Sweden", "Switzerland", "Tanzania", "Thailand", "Tunisia", "Türkiye", "Uganda", "Ukraine",
  "United Arab Emirates", "United Kingdom", "United States", "Uruguay", "Uzbekistan", "Viet Nam", "Zambia", "Zimbabwe",
];
const COMPANY_STEMS = ["Nordic", "Pacific", "Atlas", "Meridian", "Helix", "Orion", "Andes", "Sahel", "Baltic", "Danube", "Alpine", "Indus", "Mekong", "Zambezi", "Aurora", "Cedar", "Delta", "Everest", "Fjord", "Granite"];
const COMPANY_KINDS = ["Telecom", "Networks", "Communications", "Systems", "Technologies", "Semiconductors", "Optical", "Mobile", "Broadband", "Labs", "Cable", "Media", "Software"];
const COMPANY_FORMS = ["Ltd", "S.A.", "GmbH", "Co., Ltd.", "Inc.", "AB", "S.p.A.", "Corp."];
const CITIES = ["Geneva", "Lausanne", "Lyon", "Turin", "Madrid", "Lisbon", "Dakar", "Abuja", "Nairobi", "Cairo", "Tunis", "Casablanca", "Ankara", "Tehran", "Delhi", "Chennai", "Dhaka", "Bangkok", "Hanoi", "Kuala Lumpur", "Jakarta", "Beijing", "Nanjing", "Shenzhen", "Seoul", "Daejeon", "Tokyo", "Osaka", "Sydney", "Auckland", "Montreal", "Toronto", "Boston", "Austin", "Mexico City", "Bogotá", "Lima", "São Paulo", "Buenos Aires", "Moscow", "Kyiv", "Warsaw", "Prague", "Vienna", "Helsinki"];
const GIVEN = ["Amina", "Wei", "Olga", "Carlos", "Fatou", "Hiroshi", "Priya", "Lars", "Sofia", "Ahmed", "Jin", "Marie", "Kwame", "Elena", "Tomás", "Yuki", "Nadia", "Pierre", "Ana", "Ravi", "Ingrid", "Omar", "Mei", "Jonas"];
const FAMILY = ["Diallo", "Zhang", "Ivanova", "García", "Ndiaye", "Tanaka", "Sharma", "Nilsson", "Rossi", "Hassan", "Kim", "Dubois", "Mensah", "Petrova", "Silva", "Sato", "Haddad", "Martin", "Costa", "Iyer", "Berg", "Farouk", "Chen", "Weber"];
const PURPOSES = [["Proposal", 0.6], ["Information", 0.2], ["Discussion", 0.12], ["Decision", 0.03], ["Other", 0.05]];
const SHAPES = ["Proposed draft new Recommendation ITU-T {rec} on {topic}", "Proposal for a new work item on {topic}", "Comments on draft Recommendation ITU-T {rec}", "Revised text of draft Recommendation ITU-T {rec} ({topic})", "Results of interoperability tests on {topic}", "Liaison-related proposal on {topic}", "Proposed draft Supplement on {topic}"];
const WITHDRAW_REASONS = ["Merged into a joint contribution", "Superseded by a revised proposal", "Submitted to the wrong meeting by mistake"];
const DECLINE_REASONS = ["Too late for the agenda of this meeting", "Received after the Working Party closed its agenda"];

/** ISO date of a UTC epoch-day arithmetic (no time zone involved). */
function isoDay(year, month, day) {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** The start of a Geneva calendar day, as an instant (Europe/Zurich, whatever the host's TZ). */
function genevaMidnight(date) {
  const [y, m, d] = date.split("-").map(Number);
  return new TZDate(y, m - 1, d, 0, 0, 0, "Europe/Zurich").getTime();
}

/** The collective letters' rule: due the first day minus 13 days, i.e. before 00:00 Geneva twelve days before. */
function defaultDeadline(firstDay) {
  const [y, m, d] = firstDay.split("-").map(Number);
  return genevaMidnight(isoDay(y, m, d - 12));
}

function periodOf(firstDay) {
  return PERIODS.find((p) => firstDay < p.until);
}

/** Cumulative weights for drawing by weight with a binary search. */
function sampler(items, weightOf, rand) {
  const cumulative = [];
  let total = 0;
  for (const item of items) {
    total += weightOf(item);
    cumulative.push(total);
  }
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}

/**
 * @param dbPath the tracker.db, migrated and seeded with the demo (SG20, T17, the SG20 July 2020 meeting)
 * @param dataDir the DATA_DIR (the file pool goes to <dataDir>/files/ab/cd/<sha256>)
 */
export function seedScale(dbPath, dataDir, { contributions: target = 200_000, seed = 20_172_026 } = {}) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const chance = (p) => rand() < p;
  const between = (a, b) => a + Math.floor(rand() * Math.max(1, b - a));
  const weighted = (pairs) => {
    let x = rand();
    for (const [value, p] of pairs) {
      if ((x -= p) < 0) return value;
    }
    return pairs[pairs.length - 1][0];
  };
  const hex = (bytes) => Array.from({ length: bytes / 4 }, () => Math.floor(rand() * 2 ** 32).toString(16).padStart(8, "0")).join("");
  const now = Date.parse(SCALE_NOW);

  const db = new Database(dbPath);
  // A seed, not a receipt: no WAL copy of every page and no fsync; the server puts WAL and FULL back when it opens the file.
  db.pragma("journal_mode = DELETE");
  db.pragma("synchronous = OFF");
  db.pragma("foreign_keys = ON");
  db.pragma("cache_size = -262144");

  const counts = {
    studyGroups: 0, questions: 0, meetings: 0, organisations: 0, users: 0, rapporteurs: 0, secretariat: 0,
    contributions: 0, versions: 0, multiQuestion: 0, contacts: 0, lateRequests: 0, lateRequestsByStatus: {}, extensions: 0,
    lateViaExtension: 0, withdrawn: 0, reviews: 0, comments: 0, refused: 0, audit: 0, questionVisits: 0, files: 0,
  };
  const stamp = Date.parse("2016-12-01T09:00:00Z");
  const demoHash = db.prepare("select password_hash from users where email = 'delegate@telco.example'").get().password_hash;

  const run = db.transaction(() => {
    const ins = {
      group: db.prepare("insert into study_groups (number, code, title, email) values (?, ?, ?, ?)"),
      period: db.prepare("insert into study_periods (code, label, first_year, last_year) values (?, ?, ?, ?)"),
      wp: db.prepare("insert into working_parties (study_group_id, study_period_id, code, title) values (?, ?, ?, ?)"),
      question: db.prepare("insert into questions (study_group_id, study_period_id, working_party_id, number, code, title) values (?, ?, ?, ?, ?, ?)"),
      meeting: db.prepare(
        `insert into meetings (code, title, study_group_id, study_period_id, mode, location, first_day, last_day, time_zone, deadline_at, deadline_rule, deadline_note, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, 'Europe/Zurich', ?, 'default', ?, ?, ?)`,
      ),
      org: db.prepare("insert into organisations (name, country, member_type, associate_study_group_id, created_at) values (?, ?, ?, ?, ?)"),
      user: db.prepare("insert into users (email, name, password_hash, organisation_id, phone, active, created_at) values (?, ?, ?, ?, ?, 1, ?)"),
      secretariat: db.prepare("insert or ignore into secretariat_assignments (user_id, study_group_id, title) values (?, ?, ?)"),
      rapporteur: db.prepare("insert or ignore into rapporteur_assignments (user_id, question_id, kind) values (?, ?, ?)"),
      file: db.prepare("insert into stored_files (sha256, size, media_type, kind, created_at) values (?, ?, ?, ?, ?)"),
      contribution: db.prepare(
        `insert into contributions (meeting_id, study_group_id, study_period_id, number, organisation_id, submitter_user_id, title, purpose, abstract, keywords, working_party_id, status, withdrawn_at, withdrawn_reason, withdrawn_by_user_id, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      cq: db.prepare("insert into contribution_questions (contribution_id, question_id) values (?, ?)"),
      contact: db.prepare("insert into contribution_contacts (contribution_id, position, name, organization, country, phone, email) values (?, ?, ?, ?, ?, ?, ?)"),
      version: db.prepare(
        `insert into contribution_versions (contribution_id, kind, ordinal, file_id, original_name, submitted_by_user_id, request_started_at, received_at, state, note, idempotency_key)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      late: db.prepare(
        `insert into late_requests (meeting_id, contribution_id, version_id, kind, requested_by_user_id, organisation_id, requested_at, explanation, status, decided_by_user_id, decided_at, decision_reason, deferred_to_meeting_id, td_reference)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      extension: db.prepare("insert into extensions (meeting_id, organisation_id, user_id, until_at, reason, granted_by_user_id, granted_at) values (?, ?, null, ?, ?, ?, ?)"),
      review: db.prepare("insert into reviews (contribution_id, state, reviewed_version_id, updated_by_user_id, updated_at) values (?, ?, ?, ?, ?)"),
      comment: db.prepare("insert into comments (contribution_id, author_user_id, body, shared_with_submitter, created_at) values (?, ?, ?, ?, ?)"),
      refused: db.prepare("insert into refused_attempts (meeting_id, contribution_id, user_id, organisation_id, at, action, code, file_name, size) values (?, null, ?, ?, ?, ?, ?, ?, ?)"),
      audit: db.prepare("insert into audit_log (at, actor_user_id, action, entity_type, entity_id, meeting_id, details) values (?, ?, ?, ?, ?, ?, ?)"),
      visit: db.prepare("insert or ignore into question_visits (user_id, question_id, visited_at) values (?, ?, ?)"),
    };
    const audit = (at, actor, action, entityType, entityId, meetingId, details) => {
      ins.audit.run(at, actor, action, entityType, entityId === null ? null : String(entityId), meetingId, JSON.stringify(details));
      counts.audit++;
    };
    const id = (info) => Number(info.lastInsertRowid);

    // ------------------------------------------------------------ study groups, periods, working parties, Questions
    const groupIds = new Map(db.prepare("select number, id from study_groups").all().map((r) => [r.number, r.id]));
    for (const g of GROUPS) {
      if (!groupIds.has(g.n)) {
        groupIds.set(g.n, id(ins.group.run(g.n, `SG${g.n}`, g.title, `tsbsg${g.n}@itu.int`)));
        counts.studyGroups++;
      }
      g.id = groupIds.get(g.n);
    }
    const periodIds = new Map(db.prepare("select code, id from study_periods").all().map((r) => [r.code, r.id]));
    for (const p of PERIODS) {
      if (!periodIds.has(p.code)) periodIds.set(p.code, id(ins.period.run(p.code, p.label, p.firstYear, p.lastYear)));
      p.id = periodIds.get(p.code);
    }
    const existingQuestions = db.prepare("select id, study_group_id as sg, study_period_id as period, working_party_id as wp, number, code from questions").all();
    const existingWps = db.prepare("select id, study_group_id as sg, study_period_id as period from working_parties").all();
    // ------------------------------------------------------------ meetings, 2017-2026
    const existingMeetings = new Map(db.prepare("select code, id, deadline_at, first_day, last_day from meetings").all().map((m) => [m.code, m]));
    const meetings = [];
    for (let year = 2017; year <= 2026; year++) {
      for (const g of GROUPS) {
        if ((g.until && year > g.until) || (g.from && year < g.from)) continue;
        for (const month of g.months) {
          const code = `SG${g.n}-${year}-${String(month).padStart(2, "0")}`;
          const existing = existingMeetings.get(code);
          let m;
          if (existing) {
            m = { id: existing.id, code, firstDay: existing.first_day, lastDay: existing.last_day, deadlineAt: existing.deadline_at };
          } else {
            const start = between(2, 20);
            const firstDay = isoDay(year, month, start);
            const lastDay = isoDay(year, month, start + between(7, 11));
            const virtual = firstDay >= "2020-03-15" && firstDay < "2022-03-01";
            const mode = virtual ? "virtual" : firstDay >= "2022-03-01" ? "hybrid" : "physical";
            const location = virtual ? "Virtual (remote participation only)" : chance(0.85) ? "ITU headquarters, Geneva" : `${pick(CITIES)} (hosted by the administration)`;
            const deadlineAt = defaultDeadline(firstDay);
            const created = deadlineAt - between(90, 150) * DAY;
            const period = periodOf(firstDay);
            const info = ins.meeting.run(code, `ITU-T Study Group ${g.n} meeting${virtual ? " (fully virtual)" : ""}`, g.id, period.id, mode, location, firstDay, lastDay, deadlineAt, `Collective letter ${between(1, 12)}/${g.n}: contributions due 12 calendar days before the meeting.`, created, created);
            m = { id: id(info), code, firstDay, lastDay, deadlineAt };
            counts.meetings++;
          }
          m.group = g;
          m.period = periodOf(m.firstDay);
          m.endAt = genevaMidnight(m.lastDay) + 18 * HOUR;
          m.weight = g.size * (0.55 + rand() * 0.9);
          meetings.push(m);
        }
      }
    }
    meetings.sort((a, b) => (a.firstDay < b.firstDay ? -1 : a.firstDay > b.firstDay ? 1 : a.group.n - b.group.n));
    const nextOf = new Map();
    for (const g of GROUPS) {
      const mine = meetings.filter((m) => m.group === g);
      mine.forEach((m, i) => nextOf.set(m, mine[i + 1] ?? null));
    }

    /** "sgId/periodId" → { questions: [{id, code, wp, weight}], wps } */
    const desks = new Map();
    // The desks (working parties and Questions) of each study group in each period it met in.
    for (const { group: g, period: p } of meetings) {
      {
        const key = `${g.id}/${p.id}`;
        if (desks.has(key)) continue;
        let wps = existingWps.filter((w) => w.sg === g.id && w.period === p.id).map((w) => w.id);
        if (wps.length === 0) {
          for (let k = 1; k <= Math.max(1, Math.ceil(g.questions / 6)); k++) wps.push(id(ins.wp.run(g.id, p.id, `WP${k}/${g.n}`, `Working Party ${k}/${g.n}`)));
        }
        let qs = existingQuestions.filter((q) => q.sg === g.id && q.period === p.id).map((q) => ({ id: q.id, code: q.code, wp: q.wp }));
        if (qs.length === 0) {
          for (let k = 1; k <= g.questions; k++) {
            const wp = wps[(k - 1) % wps.length];
            const title = `${g.topics[(k - 1) % g.topics.length].replace(/^./, (c) => c.toUpperCase())}${k > g.topics.length ? ` (part ${Math.ceil(k / g.topics.length)})` : ""}`;
            qs.push({ id: id(ins.question.run(g.id, p.id, wp, k, `Q${k}/${g.n}`, title)), code: `Q${k}/${g.n}`, wp });
            counts.questions++;
          }
        }
        // Some Questions draw far more work than others (a Zipf law over a shuffled order).
        const order = qs.map((q) => ({ q, r: rand() })).sort((a, b) => a.r - b.r);
        order.forEach(({ q }, rank) => (q.weight = 1 / Math.pow(rank + 1, 0.8)));
        desks.set(key, { questions: qs, draw: sampler(qs, (q) => q.weight, rand) });
      }
    }

    // ------------------------------------------------------------ organisations and accounts
    const orgs = [];
    const addOrg = (name, country, type, associateGroup, weight, groups) => {
      const orgId = id(ins.org.run(name, country, type, associateGroup ? associateGroup.id : null, stamp));
      orgs.push({ id: orgId, name, country, type, weight, groups, users: [], slug: `org${orgs.length + 1}` });
      counts.organisations++;
    };
    const someGroups = (k) => {
      const open = GROUPS.slice();
      const out = [];
      while (out.length < k && open.length) out.push(open.splice(Math.floor(rand() * open.length), 1)[0]);
      return out;
    };
    // Sector members: a few large vendors and operators write a large share of all contributions (a Zipf law over a
    // shuffled order of names); the dozen largest take part in every study group.
    const companies = COMPANY_STEMS.flatMap((stem) => COMPANY_KINDS.map((kind) => `${stem} ${kind}`))
      .map((name) => ({ name, r: rand() }))
      .sort((a, b) => a.r - b.r);
    companies.forEach(({ name }, r) => {
      addOrg(`${name} ${COMPANY_FORMS[r % COMPANY_FORMS.length]}`, COUNTRIES[(r * 7) % COUNTRIES.length], "sector_member", null, 1 / Math.pow(r + 1, 1.1), r < 12 ? GROUPS : someGroups(2 + Math.floor(rand() * 6)));
    });
    COUNTRIES.forEach((country, r) => addOrg(`${country} (Administration)`, country, "member_state", null, 0.5 / Math.pow(r + 1, 1.0), someGroups(3 + Math.floor(rand() * 9))));
    CITIES.forEach((city, r) => {
      addOrg(`University of ${city}`, COUNTRIES[(r * 5) % COUNTRIES.length], "academia", null, 0.1 / Math.pow(r + 1, 0.8), someGroups(1 + Math.floor(rand() * 3)));
      addOrg(`${city} Institute of Technology`, COUNTRIES[(r * 3 + 1) % COUNTRIES.length], "academia", null, 0.06 / Math.pow(r + 1, 0.8), someGroups(1 + Math.floor(rand() * 2)));
    });
    for (let k = 0; k < 60; k++) {
      const g = GROUPS[k % GROUPS.length];
      addOrg(`${pick(COMPANY_STEMS)} ${pick(["IoT", "Video", "Security", "Fibre", "Cloud", "Analytics"])} Associate ${k + 1} ${pick(COMPANY_FORMS)}`, pick(COUNTRIES), "associate", g, 0.15 / Math.sqrt(k / GROUPS.length + 1), [g]);
    }
    const totalWeight = orgs.reduce((n, o) => n + o.weight, 0);
    const insertUser = (email, name, orgId) => id(ins.user.run(email, name, demoHash, orgId, `+${between(1, 999)} ${between(100, 999)} ${between(1000, 9999)}`, stamp));
    for (const o of orgs) {
      const delegates = Math.max(2, Math.min(60, Math.round(2 + (o.weight / totalWeight) * 400)));
      for (let k = 1; k <= delegates; k++) {
        const name = `${pick(GIVEN)} ${pick(FAMILY)}`;
        const userId = insertUser(`delegate${k}@${o.slug}.example`, name, o.id);
        o.users.push({ id: userId, name, email: `delegate${k}@${o.slug}.example` });
        counts.users++;
      }
    }
    const drawOrg = new Map(GROUPS.map((g) => [g, sampler(orgs.filter((o) => o.groups.includes(g)), (o) => o.weight, rand)]));

    // TSB: a counsellor and an assistant per study group (the demo's SG20 counsellor is kept).
    const secretariatOf = new Map();
    for (const g of GROUPS) {
      const staff = db.prepare("select user_id as id from secretariat_assignments where study_group_id = ? order by user_id").all(g.id).map((r) => r.id);
      for (const [role, title] of [["tsb", "Counsellor"], ["assistant", "Assistant"]]) {
        if (staff.length >= 2) break;
        const email = `${role}.sg${g.n}@secretariat.example`;
        if (db.prepare("select 1 from users where email = ?").get(email)) continue;
        const userId = insertUser(email, `${pick(GIVEN)} ${pick(FAMILY)} (TSB)`, null);
        ins.secretariat.run(userId, g.id, title);
        staff.push(userId);
        counts.secretariat++;
        counts.users++;
      }
      secretariatOf.set(g, staff);
    }

    // Rapporteurs: a delegate of a participating organisation for every Question, with an associate for some.
    const rapporteursOf = new Map();
    for (const [, desk] of desks) {
      for (const q of desk.questions) {
        const existing = db.prepare("select user_id as id from rapporteur_assignments where question_id = ?").all(q.id).map((r) => r.id);
        if (existing.length === 0) {
          const g = GROUPS.find((x) => q.code.endsWith(`/${x.n}`));
          for (const kind of chance(0.45) ? ["rapporteur", "associate_rapporteur"] : ["rapporteur"]) {
            const o = drawOrg.get(g)();
            const u = pick(o.users);
            ins.rapporteur.run(u.id, q.id, kind);
            existing.push(u.id);
            counts.rapporteurs++;
          }
        }
        rapporteursOf.set(q.id, existing);
      }
    }

    // ------------------------------------------------------------ the file pool
    const pool = [];
    const filesDir = path.join(dataDir, "files");
    const hasFileTexts = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'file_texts'").get() !== undefined;
    for (let k = 0; k < 64; k++) {
      const g = GROUPS[k % GROUPS.length];
      const lines = [
        `INTERNATIONAL TELECOMMUNICATION UNION - TELECOMMUNICATION STANDARDIZATION SECTOR`,
        `STUDY GROUP ${g.n} - Contribution (sample document ${k + 1} of the scale benchmark)`,
        `Title: ${SHAPES[k % SHAPES.length].replace("{rec}", `${g.series}.${1000 + k}`).replace("{topic}", g.topics[k % g.topics.length])}`,
        `Abstract: This contribution proposes text on ${g.topics[(k + 1) % g.topics.length]} and ${g.topics[(k + 2) % g.topics.length]}.`,
        "Please don't change the structure of this table, just insert the necessary information.",
      ];
      const pdf = k % 4 === 3;
      const content = pdf ? makePdf(lines) : makeDocx(lines);
      const sha256 = createHash("sha256").update(content).digest("hex");
      const dir = path.join(filesDir, sha256.slice(0, 2), sha256.slice(2, 4));
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, sha256), content);
      const mediaType = pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
      const fileId = id(ins.file.run(sha256, content.length, mediaType, pdf ? "pdf" : "docx", stamp));
      // With the text-search schema, the pool's texts are known at once: no extraction job for the server to run.
      if (hasFileTexts) db.prepare("update file_texts set state = 'done', text = ?, chars = ?, pages = 1, extracted_at = ? where file_id = ?").run(lines.join("\n"), lines.join("\n").length, stamp, fileId);
      pool.push({ id: fileId, ext: pdf ? "pdf" : "docx" });
      counts.files++;
    }

    // ------------------------------------------------------------ contributions, meeting by meeting
    const weightSum = meetings.reduce((n, m) => n + m.weight, 0);
    let remaining = target;
    meetings.forEach((m, i) => {
      const share = i === meetings.length - 1 ? remaining : Math.min(remaining, Math.round((target * m.weight) / weightSum));
      m.count = share;
      remaining -= share;
    });
    const numbers = new Map(
      db.prepare("select study_group_id as sg, study_period_id as period, max(number) as n from contributions group by 1, 2").all().map((r) => [`${r.sg}/${r.period}`, r.n ?? 0]),
    );
    const nextNumber = (m) => {
      const key = `${m.group.id}/${m.period.id}`;
      const n = (numbers.get(key) ?? 0) + 1;
      numbers.set(key, n);
      return n;
    };

    for (const m of meetings) {
      const g = m.group;
      const desk = desks.get(`${g.id}/${m.period.id}`);
      const staff = secretariatOf.get(g);
      const tsb = staff[0];
      const current = m.deadlineAt > now - 21 * DAY; // its late requests may still await a decision
      const past = m.endAt < now;
      const clampNow = (t) => (t < now ? t : now - between(1, 48) * HOUR);

      // Extensions: a few organisations per meeting (an outage, a visa, an approval chain) get a day or two.
      const extended = new Map();
      const extensions = Math.floor(rand() * rand() * 4);
      for (let k = 0; k < extensions; k++) {
        const o = drawOrg.get(g)();
        if (extended.has(o.id)) continue;
        const until = m.deadlineAt + between(1, 3) * DAY;
        const grantedAt = m.deadlineAt - between(1, 48) * HOUR;
        if (grantedAt > now) continue;
        ins.extension.run(m.id, o.id, until, pick(["Network outage reported to TSB before the cutoff", "Internal approval delayed by a national holiday", "Editor's draft received late from the rapporteur group"]), tsb, grantedAt);
        audit(grantedAt, tsb, "extension.grant", "meeting", m.id, m.id, { organisationId: o.id, until });
        extended.set(o.id, until);
        counts.extensions++;
      }

      // Receipts crowd towards the cutoff; about 3% arrive after it.
      const plan = [];
      for (let k = 0; k < m.count; k++) {
        const late = chance(0.03);
        let o = drawOrg.get(g)();
        let receivedAt;
        let fate;
        if (late) {
          if (extended.size > 0 && chance(0.3)) {
            const [orgId, until] = pick([...extended]);
            o = orgs.find((x) => x.id === orgId);
            receivedAt = m.deadlineAt + Math.floor(rand() * (until - m.deadlineAt));
            fate = "extension";
          } else {
            receivedAt = m.deadlineAt + Math.floor(Math.pow(rand(), 2) * (m.endAt - m.deadlineAt));
            fate = "late";
          }
        } else {
          receivedAt = m.deadlineAt - 1 - Math.floor(Math.pow(rand(), 2.5) * 45 * DAY);
          fate = chance(0.02) ? "withdrawn" : "active";
        }
        receivedAt = clampNow(receivedAt);
        if (fate === "extension" && receivedAt < m.deadlineAt) fate = "active";
        if (fate === "late" && receivedAt < m.deadlineAt) fate = "active";
        plan.push({ o, receivedAt, fate });
      }
      plan.sort((a, b) => a.receivedAt - b.receivedAt);

      for (const p of plan) {
        const u = pick(p.o.users);
        const q1 = desk.draw();
        const qs = [q1];
        if (chance(0.12)) {
          const q2 = desk.draw();
          if (q2 !== q1) qs.push(q2);
        }
        if (qs.length > 1) counts.multiQuestion++;
        const topic = pick(g.topics);
        const rec = `${g.series}.${between(100, 999)}${chance(0.2) ? `.${between(1, 9)}` : ""}`;
        const title = pick(SHAPES).replace("{rec}", rec).replace("{topic}", topic);
        const abstract = `This contribution from ${p.o.name} ${pick(["proposes", "presents", "discusses", "reports on"])} ${topic} for ${qs.map((q) => q.code).join(" and ")}. ${pick(["It proposes text for the draft", "It gives results of field trials", "It responds to the liaison statement received at the last meeting", "It summarises the discussion in the correspondence group"])} (${rec}).`;
        const keywords = [topic, pick(g.topics), `ITU-T ${g.series}-series`].join("; ");

        // The late original's fate: decided by the secretariat, or (for a meeting under way) still awaiting.
        let status = "active";
        let number = null;
        let meetingOf = m;
        let decision = null;
        if (p.fate === "late") {
          const next = nextOf.get(m);
          decision = current && chance(0.6) ? "awaiting_decision" : weighted([["admitted", 0.5], ["deferred", next ? 0.12 : 0], ["reissued_td", 0.13], ["declined", next ? 0.25 : 0.37]]);
          if (decision === "admitted") status = "active";
          else if (decision === "deferred") {
            status = "active";
            meetingOf = next;
          } else status = decision === "awaiting_decision" ? "late_request" : decision;
        } else if (p.fate === "withdrawn") status = "withdrawn";
        if (status === "active" || status === "withdrawn") number = nextNumber(meetingOf);
        const decidedAt = decision && decision !== "awaiting_decision" ? clampNow(p.receivedAt + between(2, 72) * HOUR) : null;
        const withdrawnAt = p.fate === "withdrawn" ? clampNow(p.receivedAt + between(1, 20) * DAY) : null;

        const cid = id(
          ins.contribution.run(
            meetingOf.id, g.id, meetingOf.period.id, number, p.o.id, u.id, title, weighted(PURPOSES), abstract, keywords, q1.wp, status,
            withdrawnAt, withdrawnAt ? pick(WITHDRAW_REASONS) : null, withdrawnAt ? u.id : null, p.receivedAt, decidedAt ?? withdrawnAt ?? p.receivedAt,
          ),
        );
        counts.contributions++;
        for (const q of qs) ins.cq.run(cid, q.id);
        ins.contact.run(cid, 0, u.name, p.o.name, p.o.country, "", u.email);
        counts.contacts++;
        if (chance(0.2) && p.o.users.length > 1) {
          const other = pick(p.o.users);
          if (other !== u) {
            ins.contact.run(cid, 1, other.name, p.o.name, p.o.country, "", other.email);
            counts.contacts++;
          }
        }

        // The original, then revisions, addenda and corrigenda (at most four versions).
        const refName = (kind, ordinal, ext) => `SG${g.n}-C${number ?? `LATE-${cid}`}${kind === "original" ? "" : `-${{ revision: "R", addendum: "A", corrigendum: "C" }[kind]}${ordinal}`}_${p.o.slug}.${ext}`;
        const file = () => pick(pool);
        const f0 = file();
        const originalState = decision === "awaiting_decision" ? "pending" : decision === "declined" || decision === "reissued_td" ? "refused" : "accepted";
        const vid = id(ins.version.run(cid, "original", 0, f0.id, refName("original", 0, f0.ext), u.id, p.receivedAt - between(800, 9000), p.receivedAt, originalState, null, chance(0.7) ? hex(16) : null));
        counts.versions++;
        const versions = [{ id: vid, kind: "original", receivedAt: p.receivedAt, state: originalState }];
        audit(p.receivedAt, u.id, p.fate === "late" ? "late_request.file" : "contribution.submit", "contribution", cid, m.id, {
          number: p.fate === "late" ? null : number, sha256: "pool", receivedAt: p.receivedAt, late: p.receivedAt >= m.deadlineAt, admittedBy: p.fate === "extension" ? "extension" : p.fate === "late" ? null : "on_time",
        });
        if (decision) {
          const deferTo = decision === "deferred" ? meetingOf : null;
          ins.late.run(
            m.id, cid, vid, "new", u.id, p.o.id, p.receivedAt, pick(["Our internal approval was only given after the cutoff.", "The document was held up by our national coordination.", "We missed the cutoff by a few minutes because of an upload failure."]),
            decision, decidedAt ? tsb : null, decidedAt, decidedAt ? (decision === "admitted" ? "Admitted by the chair" : decision === "deferred" ? "Deferred to the next meeting" : decision === "reissued_td" ? "To be reissued as a TD" : pick(DECLINE_REASONS)) : null,
            deferTo ? deferTo.id : null, decision === "reissued_td" ? `SG${g.n}-TD${between(100, 2000)}` : null,
          );
          counts.lateRequests++;
          counts.lateRequestsByStatus[decision] = (counts.lateRequestsByStatus[decision] ?? 0) + 1;
          if (decidedAt) {
            const action = { admitted: "admit", deferred: "defer", reissued_td: "reissue_as_td", declined: "decline" }[decision];
            audit(decidedAt, tsb, `late_request.${action}`, "late_request", cid, m.id, { contributionId: cid, number, deferredTo: deferTo ? deferTo.code : null });
          }
        }
        if (p.fate === "extension") counts.lateViaExtension++;

        if (status === "active") {
          let revisions = 0;
          let addenda = 0;
          let corrigenda = 0;
          let last = p.receivedAt;
          const owner = meetingOf;
          while (versions.length < 4) {
            const r = rand();
            const pRevision = revisions === 0 ? 0.16 : 0.25;
            let kind = null;
            if (r < pRevision) kind = "revision";
            else if (r < pRevision + 0.04 && addenda === 0) kind = "addendum";
            else if (r < pRevision + 0.055 && corrigenda === 0) kind = "corrigendum";
            if (!kind) break;
            const ordinal = kind === "revision" ? ++revisions : kind === "addendum" ? ++addenda : ++corrigenda;
            // Most revisions come before the cutoff; those after it go through a late request like any late document.
            const before = chance(0.8) && last < owner.deadlineAt;
            let at = before ? last + Math.floor(rand() * (owner.deadlineAt - last)) : Math.max(last, owner.deadlineAt) + Math.floor(rand() * Math.max(HOUR, owner.endAt - Math.max(last, owner.deadlineAt)));
            if (at >= now) break;
            at = Math.max(at, last + MINUTE);
            last = at;
            const extendedUntil = extended.get(p.o.id);
            const lateRevision = at >= owner.deadlineAt && !(owner === m && extendedUntil && at < extendedUntil);
            const revisionDecision = lateRevision ? (owner.deadlineAt > now - 21 * DAY && chance(0.5) ? "awaiting_decision" : chance(0.85) ? "admitted" : "declined") : null;
            const state = revisionDecision === "awaiting_decision" ? "pending" : revisionDecision === "declined" ? "refused" : "accepted";
            const by = pick(p.o.users);
            const f = file();
            const v = id(ins.version.run(cid, kind, ordinal, f.id, refName(kind, ordinal, f.ext), by.id, at - between(800, 9000), at, state, null, chance(0.7) ? hex(16) : null));
            counts.versions++;
            versions.push({ id: v, kind, receivedAt: at, state });
            audit(at, by.id, lateRevision ? "late_request.file" : "contribution.revise", "contribution", cid, owner.id, { versionId: v, kind, sha256: "pool", receivedAt: at, late: at >= owner.deadlineAt });
            if (lateRevision) {
              const decided = revisionDecision === "awaiting_decision" ? null : clampNow(at + between(1, 30) * HOUR);
              ins.late.run(owner.id, cid, v, "revision", by.id, p.o.id, at, "Revised after discussion in the rapporteur group.", revisionDecision, decided ? tsb : null, decided, decided ? (revisionDecision === "admitted" ? "Admitted for the Working Party" : pick(DECLINE_REASONS)) : null, null, null);
              counts.lateRequests++;
              counts.lateRequestsByStatus[revisionDecision] = (counts.lateRequestsByStatus[revisionDecision] ?? 0) + 1;
              if (decided) audit(decided, tsb, `late_request.${revisionDecision === "admitted" ? "admit" : "decline"}`, "late_request", cid, owner.id, { contributionId: cid, number });
            }
          }

          // Review by the rapporteurs: most documents of past meetings have a state, some a comment.
          const reviewers = rapporteursOf.get(q1.id) ?? [];
          const reviewer = reviewers.length ? pick(reviewers) : tsb;
          if (chance(past ? 0.75 : 0.2)) {
            const accepted = versions.filter((v) => v.state === "accepted" && (v.kind === "original" || v.kind === "revision"));
            const reviewed = chance(0.85) ? accepted[accepted.length - 1] : accepted[0];
            const at = clampNow(Math.max(reviewed.receivedAt, owner.deadlineAt) + between(1, 200) * HOUR);
            const state = weighted([["ready", 0.55], ["in_review", 0.25], ["needs_clarification", 0.1], ["new", 0.1]]);
            ins.review.run(cid, state, reviewed.id, reviewer, at);
            audit(at, reviewer, "review.state", "contribution", cid, owner.id, { from: "new", to: state, versionId: reviewed.id, previousVersionId: null });
            counts.reviews++;
          }
          if (chance(0.1)) {
            for (let k = between(1, 4); k > 0; k--) {
              const at = clampNow(owner.deadlineAt + between(1, 300) * HOUR);
              const shared = chance(0.3);
              ins.comment.run(cid, reviewer, pick(["Please align the terminology with the base text.", "Figure 3 needs a source.", "Discussed in the rapporteur group; agreed with editorial changes.", "Conflicts with the proposal from the previous meeting; please coordinate."]), shared ? 1 : 0, at);
              audit(at, reviewer, "review.comment", "contribution", cid, owner.id, { sharedWithSubmitter: shared });
              counts.comments++;
            }
          }
        }
        if (withdrawnAt) {
          audit(withdrawnAt, u.id, "contribution.withdraw", "contribution", cid, m.id, { number, reason: "withdrawn" });
          counts.withdrawn++;
        }
      }

      // Refused attempts, about 3% of the documents: mostly after the cutoff, some bad files before it.
      for (let k = Math.round(m.count * 0.03); k > 0; k--) {
        const o = drawOrg.get(g)();
        const u = pick(o.users);
        const code = weighted([["deadline_passed", 0.7], ["unsupported_type", 0.2], ["executable", 0.1]]);
        const at = clampNow(code === "deadline_passed" ? m.deadlineAt + Math.floor(Math.pow(rand(), 2) * (m.endAt - m.deadlineAt)) : m.deadlineAt - between(1, 20 * 24) * HOUR);
        const action = chance(0.8) ? "submit" : "revise";
        ins.refused.run(m.id, u.id, o.id, at, action, code, code === "deadline_passed" ? `contribution-${between(1, 9999)}.docx` : code === "executable" ? `proposal-${k}.exe` : `scan-${k}.tiff`, between(10_000, 5_000_000));
        audit(at, u.id, `${action}.refused`, "meeting", m.id, m.id, { code, contributionId: null });
        counts.refused++;
      }
    }

    // The rapporteurs have opened their queues since their last meeting.
    for (const [questionId, users] of rapporteursOf) {
      for (const userId of users) {
        if (chance(0.8)) {
          ins.visit.run(userId, questionId, now - between(1, 60 * 24) * HOUR);
          counts.questionVisits++;
        }
      }
    }
    counts.meetingsInAll = meetings.length;
    counts.studyGroupsInAll = GROUPS.length;
    counts.years = `${meetings[0].firstDay.slice(0, 4)}-${meetings[meetings.length - 1].firstDay.slice(0, 4)}`;
  });
  run();
  db.pragma("journal_mode = WAL");
  db.close();
  return counts;
}

/** What the benchmark reads, chosen as people would meet it: the largest meeting, the busiest Question, the biggest contributor. */
export function scaleTargets(dbPath) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const meeting = db
      .prepare("select m.id, m.code, m.study_group_id as sg, count(*) as n from contributions c join meetings m on m.id = c.meeting_id group by m.id order by n desc limit 1")
      .get();
    const secretariat = db.prepare("select u.email from secretariat_assignments s join users u on u.id = s.user_id where s.study_group_id = ? order by u.id limit 1").get(meeting.sg).email;
    const lateRequests = db.prepare("select count(*) as n from late_requests where meeting_id = ?").get(meeting.id).n;
    const question = db.prepare("select q.id, q.code, count(*) as n from contribution_questions cq join questions q on q.id = cq.question_id group by q.id order by n desc limit 1").get();
    // A rapporteur who holds no other Question with the same code (in another study period), so "Q6-16" is this one.
    const rapporteur = db
      .prepare(
        `select u.email from rapporteur_assignments r join users u on u.id = r.user_id where r.question_id = ?
         and not exists (select 1 from rapporteur_assignments r2 join questions q2 on q2.id = r2.question_id where r2.user_id = r.user_id and q2.code = ? and q2.id <> r.question_id)
         order by r.kind = 'rapporteur' desc, u.id limit 1`,
      )
      .get(question.id, question.code)?.email;
    const org = db.prepare("select organisation_id as id, count(*) as n from contributions group by organisation_id order by n desc limit 1").get();
    const member = db
      .prepare("select u.email from users u where u.organisation_id = ? and not exists (select 1 from rapporteur_assignments r where r.user_id = u.id) order by u.id limit 1")
      .get(org.id).email;
    const orgName = db.prepare("select name from organisations where id = ?").get(org.id).name;
    const admitted = db.prepare("select count(*) as n from contributions where meeting_id = ? and status = 'active' and number is not null").get(meeting.id).n;
    // The document with the longest history in the largest meeting.
    const contribution = db
      .prepare(
        `select c.id, count(v.id) as versions from contributions c join contribution_versions v on v.contribution_id = c.id
         where c.meeting_id = ? and c.status = 'active' group by c.id order by versions desc, c.id limit 1`,
      )
      .get(meeting.id);
    return {
      meeting: { code: meeting.code, contributions: meeting.n, admitted, lateRequests, secretariat },
      question: { code: question.code, slug: question.code.replace("/", "-"), contributions: question.n, rapporteur },
      organisation: { name: orgName, contributions: org.n, member },
      contribution: { id: contribution.id, versions: contribution.versions },
    };
  } finally {
    db.close();
  }
}
