// Being told: e-mail notices of new and revised contributions to a rapporteur's Questions, and of what happens to a
// contribution someone follows. Each account chooses on its account page: at once, a daily digest at a Geneva hour,
// or none (the default).
//
// Notices are made from the audit log, which every submission, revision, decision and comment writes in its own
// transaction: a dispatcher (lib/jobs/notices.ts) reads the entries after its cursor, turns them into notice items for
// the accounts concerned (each checked against what that account may read), and advances the cursor in the same
// transaction. Nothing is added to the path of an upload, and a crash neither loses nor repeats a notice.
import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type DB } from "@/db/client";
import { follows, noticePreferences, type QueuedMail } from "@/db/schema";
import { NOTICE_MODES, type NoticeKind, type NoticeMode, type VersionKind } from "@/lib/domain";
import { enqueueMail, type NewMail } from "@/lib/data/mail-queue";
import type { Actor } from "@/lib/auth/permissions";
import { loadActor } from "@/lib/data/actor";
import { getContribution } from "@/lib/data/contributions";
import { readableVersionScope } from "@/lib/data/search";
import { ok, type Result } from "@/lib/domain/failures";
import { displayNumber, versionLabel } from "@/lib/domain/numbering";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { noticeMail, type NoticeLine } from "@/lib/present/notice-mail";
import { now } from "@/lib/time/clock";
import { isDigestDue, latestGenevaHour } from "@/lib/time/digest";
import { failFields } from "@/lib/validation/messages";

// ---------------------------------------------------------------- preferences

export type NoticePreferences = { mode: NoticeMode; digestHour: number };

export const DEFAULT_NOTICE_PREFERENCES: NoticePreferences = { mode: "none", digestHour: 8 };

export function getNoticePreferences(actor: Actor): NoticePreferences {
  const row = getDb().select().from(noticePreferences).where(eq(noticePreferences.userId, actor.userId)).get();
  return row ? { mode: row.mode, digestHour: row.digestHour } : { ...DEFAULT_NOTICE_PREFERENCES };
}

/** The actor's own choice; a digest chosen now starts with the next such hour (nothing older is sent as a digest). */
export function setNoticePreferences(actor: Actor, input: { mode: string; digestHour?: number }): Result<NoticePreferences> {
  const mode = NOTICE_MODES.find((m) => m === input.mode);
  if (!mode) return failFields("invalid", "search.notices.invalidMode", undefined, { mode: "search.notices.invalidMode" });
  const digestHour = input.digestHour ?? DEFAULT_NOTICE_PREFERENCES.digestHour;
  if (!Number.isInteger(digestHour) || digestHour < 0 || digestHour > 23) {
    return failFields("invalid", "search.notices.invalidHour", undefined, { digestHour: "search.notices.invalidHour" });
  }
  const at = now();
  const db = getDb();
  const before = db.select().from(noticePreferences).where(eq(noticePreferences.userId, actor.userId)).get();
  const lastDigestAt = mode === "daily" && (before?.mode !== "daily" || before.digestHour !== digestHour) ? latestGenevaHour(at, digestHour) : (before?.lastDigestAt ?? null);
  db.insert(noticePreferences)
    .values({ userId: actor.userId, mode, digestHour, lastDigestAt, updatedAt: at })
    .onConflictDoUpdate({ target: noticePreferences.userId, set: { mode, digestHour, lastDigestAt, updatedAt: at } })
    .run();
  return ok({ mode, digestHour });
}

// ---------------------------------------------------------------- follows

export function isFollowing(actor: Actor, contributionId: number): boolean {
  return Boolean(
    getDb()
      .select({ id: follows.contributionId })
      .from(follows)
      .where(and(eq(follows.userId, actor.userId), eq(follows.contributionId, contributionId)))
      .get(),
  );
}

/** Follows a contribution the actor may read (anything else: not_found). Following twice is following. */
export function followContribution(actor: Actor, contributionId: number): Result<{ following: true }> {
  const found = getContribution(actor, contributionId);
  if (!found.ok) return found;
  getDb().insert(follows).values({ userId: actor.userId, contributionId, createdAt: now() }).onConflictDoNothing().run();
  return ok({ following: true });
}

export function unfollowContribution(actor: Actor, contributionId: number): Result<{ following: false }> {
  const found = getContribution(actor, contributionId);
  if (!found.ok) return found;
  getDb()
    .delete(follows)
    .where(and(eq(follows.userId, actor.userId), eq(follows.contributionId, contributionId)))
    .run();
  return ok({ following: false });
}

// ---------------------------------------------------------------- the dispatcher

const CURSOR = "notices";
const BATCH = 500;

type AuditRow = { id: number; at: number; actorUserId: number | null; action: string; entityType: string; entityId: string | null; details: string };

type Event = { auditId: number; at: number; byUserId: number | null; contributionId: number; versionId: number | null; kind: NoticeKind; to: "rapporteurs+followers" | "followers" | "organisation-followers" };

/** The audit entries that concern notices, as events. */
function eventOf(row: AuditRow, db: DB): Event | null {
  const details = JSON.parse(row.details || "{}") as Record<string, unknown>;
  const base = { auditId: row.id, at: row.at, byUserId: row.actorUserId };
  const contributionId = row.entityType === "contribution" ? Number(row.entityId) : Number(details.contributionId);
  if (!Number.isInteger(contributionId) || contributionId <= 0) return null;
  const originalOf = () => (db.$client.prepare("SELECT id FROM contribution_versions WHERE contribution_id = ? AND kind = 'original' AND ordinal = 0").get(contributionId) as { id: number } | undefined)?.id ?? null;
  switch (row.action) {
    case "contribution.submit":
      return { ...base, contributionId, versionId: originalOf(), kind: "new", to: "rapporteurs+followers" };
    case "late_request.file":
      return { ...base, contributionId, versionId: typeof details.versionId === "number" ? details.versionId : originalOf(), kind: "late_request", to: "rapporteurs+followers" };
    case "contribution.revise":
      return { ...base, contributionId, versionId: typeof details.versionId === "number" ? details.versionId : null, kind: "revised", to: "rapporteurs+followers" };
    case "late_request.admit": {
      const version = db.$client.prepare("SELECT version_id AS id FROM late_requests WHERE id = ?").get(Number(row.entityId)) as { id: number } | undefined;
      return { ...base, contributionId, versionId: version?.id ?? null, kind: "admitted", to: "rapporteurs+followers" };
    }
    case "review.comment":
      // Only a comment shared with the submitter is news for anyone outside the reviewers: its organisation's followers.
      return details.sharedWithSubmitter === true ? { ...base, contributionId, versionId: null, kind: "comment", to: "organisation-followers" } : null;
    default:
      return null;
  }
}

/** Who is to be told of an event: rapporteurs of its Questions and followers with notices on, who may read it. */
function recipientsOf(e: Event, db: DB): number[] {
  const c = db.$client;
  const candidates = new Set<number>();
  const withNotices = "SELECT user_id FROM notice_preferences WHERE mode <> 'none'";
  if (e.to === "rapporteurs+followers") {
    for (const r of c
      .prepare(
        `SELECT DISTINCT ra.user_id AS id FROM rapporteur_assignments ra JOIN contribution_questions cq ON cq.question_id = ra.question_id
         WHERE cq.contribution_id = ? AND ra.user_id IN (${withNotices})`,
      )
      .all(e.contributionId) as Array<{ id: number }>)
      candidates.add(r.id);
  }
  if (e.kind !== "new" && e.kind !== "late_request") {
    const sameOrganisation = e.to === "organisation-followers" ? "AND u.organisation_id = (SELECT organisation_id FROM contributions WHERE id = f.contribution_id)" : "";
    for (const r of c
      .prepare(`SELECT f.user_id AS id FROM follows f JOIN users u ON u.id = f.user_id WHERE f.contribution_id = ? AND f.user_id IN (${withNotices}) ${sameOrganisation}`)
      .all(e.contributionId) as Array<{ id: number }>)
      candidates.add(r.id);
  }
  if (e.byUserId !== null) candidates.delete(e.byUserId); // nobody is told of what they did themselves
  return [...candidates].filter((userId) => {
    const actor = loadActor(userId, db);
    if (!actor) return false;
    const scope = readableVersionScope(actor);
    // The version (or, for a comment, any version) must be one this account may read now.
    const which = e.versionId !== null ? "v.id = ?" : "v.contribution_id = ?";
    return Boolean(
      c.prepare(`SELECT 1 FROM contribution_versions v JOIN contributions c ON c.id = v.contribution_id WHERE ${which} AND ${scope.text} LIMIT 1`).get(e.versionId ?? e.contributionId, ...scope.params),
    );
  });
}

type ItemRow = { id: number; userId: number; kind: NoticeKind; at: number; contributionId: number; versionId: number | null };

function linesOf(items: Array<Pick<ItemRow, "kind" | "at" | "contributionId" | "versionId">>, db: DB): NoticeLine[] {
  const c = db.$client;
  const contribution = c.prepare(
    `SELECT c.number, c.title, sg.number AS sgNumber, o.name AS source, m.code AS meetingCode FROM contributions c
     JOIN study_groups sg ON sg.id = c.study_group_id JOIN organisations o ON o.id = c.organisation_id JOIN meetings m ON m.id = c.meeting_id
     WHERE c.id = ?`,
  );
  const versionOf = c.prepare("SELECT kind, ordinal, received_at AS receivedAt FROM contribution_versions WHERE id = ?");
  const questionsOf = c.prepare("SELECT q.code FROM contribution_questions cq JOIN questions q ON q.id = cq.question_id WHERE cq.contribution_id = ? ORDER BY q.number");
  return items.map((item) => {
    const row = contribution.get(item.contributionId) as { number: number | null; title: string; sgNumber: number; source: string; meetingCode: string };
    const version = item.versionId === null ? undefined : (versionOf.get(item.versionId) as { kind: VersionKind; ordinal: number; receivedAt: number } | undefined);
    return {
      kind: item.kind,
      contributionId: item.contributionId,
      displayNumber: row.number === null ? null : displayNumber(row.sgNumber, row.number),
      versionLabel: version ? versionLabel(version.kind, version.ordinal) : "",
      title: row.title,
      source: row.source,
      meetingCode: row.meetingCode,
      questions: (questionsOf.all(item.contributionId) as Array<{ code: string }>).map((q) => q.code),
      at: version?.receivedAt ?? item.at,
    };
  });
}

/**
 * The words of a queued notice e-mail, made when the mail worker sends it (lib/data/notifications.ts hands notice
 * kinds here): the items it carries, in the recipient's language, as they read now.
 */
export function renderNoticeMail(row: QueuedMail, db: DB = getDb()): { ok: true; subject: string; text: string } | { ok: false; error: string } {
  const items = db.$client
    .prepare("SELECT kind, at, contribution_id AS contributionId, version_id AS versionId FROM notice_items WHERE mail_id = ? ORDER BY id")
    .all(row.id) as Array<Pick<ItemRow, "kind" | "at" | "contributionId" | "versionId">>;
  if (items.length === 0) return { ok: false, error: `notice mail ${row.id} carries no item` };
  const user = db.$client.prepare("SELECT locale FROM users WHERE email = ?").get(row.toAddresses[0]?.toLowerCase() ?? "") as { locale: string | null } | undefined;
  const locale: Locale = isLocale(user?.locale) ? user.locale : "en";
  return { ok: true, ...noticeMail(linesOf(items, db), { locale, digest: row.kind === "notice_digest", origin: process.env.NEXTAUTH_URL?.replace(/\/+$/, "") ?? "" }) };
}

export type DispatchReport = { events: number; items: number; immediate: number; digests: number };

/** The one way notices leave: into the transactional mail queue (lib/data/mail-queue.ts), sent by the mail worker. */
function queueNoticeMail(db: DB, mail: NewMail & { kind: "notice" | "notice_digest" }): void {
  enqueueMail(db, mail);
}

/**
 * One pass: new audit entries become notice items; accounts that want notices at once get one e-mail with all their
 * unsent items; accounts whose digest hour has come get their digest. The e-mail is queued (the mail worker renders
 * and sends it) in the transaction that marks its items as told. `at` is the application's clock (simulated in the
 * demo): a digest hour is a Geneva hour.
 */
export async function dispatchNotices(at: number = now(), db: DB = getDb()): Promise<DispatchReport> {
  const report: DispatchReport = { events: 0, items: 0, immediate: 0, digests: 0 };
  db.transaction(
    () => {
      const c = db.$client;
      const cursor = c.prepare("SELECT last_audit_id AS id FROM log_cursors WHERE name = ?").get(CURSOR) as { id: number } | undefined;
      if (!cursor) {
        // The first pass starts from now: what happened before notices existed is not sent.
        const top = (c.prepare("SELECT coalesce(max(id), 0) AS id FROM audit_log").get() as { id: number }).id;
        c.prepare("INSERT INTO log_cursors (name, last_audit_id) VALUES (?, ?)").run(CURSOR, top);
        return;
      }
      const rows = c
        .prepare("SELECT id, at, actor_user_id AS actorUserId, action, entity_type AS entityType, entity_id AS entityId, details FROM audit_log WHERE id > ? ORDER BY id LIMIT ?")
        .all(cursor.id, BATCH) as AuditRow[];
      const insert = c.prepare("INSERT OR IGNORE INTO notice_items (user_id, audit_id, contribution_id, version_id, kind, at) VALUES (?, ?, ?, ?, ?, ?)");
      for (const row of rows) {
        const event = eventOf(row, db);
        if (!event) continue;
        report.events++;
        for (const userId of recipientsOf(event, db)) report.items += insert.run(userId, event.auditId, event.contributionId, event.versionId, event.kind, event.at).changes;
      }
      if (rows.length > 0) c.prepare("UPDATE log_cursors SET last_audit_id = ? WHERE name = ?").run(rows.at(-1)!.id, CURSOR);

      const unsentOf = c.prepare(
        "SELECT id, user_id AS userId, kind, at, contribution_id AS contributionId, version_id AS versionId FROM notice_items WHERE user_id = ? AND sent_at IS NULL ORDER BY id",
      );
      const markQueued = c.prepare("UPDATE notice_items SET sent_at = ?, mail_id = ? WHERE id = ?");
      const emailOf = c.prepare("SELECT email FROM users WHERE id = ? AND active = 1");
      const groupOf = c.prepare("SELECT study_group_id AS id FROM contributions WHERE id = ?");
      const prefs = c
        .prepare("SELECT user_id AS userId, mode, digest_hour AS digestHour, last_digest_at AS lastDigestAt FROM notice_preferences WHERE mode <> 'none'")
        .all() as Array<{ userId: number; mode: NoticeMode; digestHour: number; lastDigestAt: number | null }>;
      for (const p of prefs) {
        if (p.mode === "daily" && !isDigestDue(at, p.digestHour, p.lastDigestAt)) continue;
        const items = unsentOf.all(p.userId) as ItemRow[];
        if (p.mode === "daily") c.prepare("UPDATE notice_preferences SET last_digest_at = ? WHERE user_id = ?").run(latestGenevaHour(at, p.digestHour), p.userId);
        if (items.length === 0) continue;
        const user = emailOf.get(p.userId) as { email: string } | undefined;
        let mailId: number | null = null;
        if (user) {
          // The e-mail is queued in this transaction: it goes if and only if the items are marked as told.
          const group = groupOf.get(items[0].contributionId) as { id: number };
          queueNoticeMail(db, { kind: p.mode === "daily" ? "notice_digest" : "notice", createdAt: at, studyGroupId: group.id, to: [user.email] });
          mailId = (c.prepare("SELECT last_insert_rowid() AS id").get() as { id: number }).id;
          if (p.mode === "daily") report.digests++;
          else report.immediate++;
        }
        for (const item of items) markQueued.run(at, mailId, item.id);
      }
    },
    { behavior: "immediate" },
  );
  return report;
}
