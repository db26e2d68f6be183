// Reading the append-only audit log (filters, pages, CSV) for the secretariat. Nothing here edits or deletes an entry.
import "server-only";
import { and, count, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiTokens, auditLog, meetings, organisations, questions, rapporteurAssignments, secretariatAssignments, users } from "@/db/schema";
import { failT, ok, type Result } from "@/lib/domain/failures";
import { parseGenevaLocalInput } from "@/lib/time/geneva";
import { parseIsoInstant } from "@/lib/time/iso";
import { hasPermission, type Actor } from "@/lib/auth/permissions";
import { invalidFields, type FieldMessage } from "@/lib/validation/messages";

export const AUDIT_DEFAULT_PAGE_SIZE = 50;
export const AUDIT_MAX_PAGE_SIZE = 200;
export const AUDIT_CSV_MAX_ROWS = 100_000;

export type AuditFilters = {
  /** "user.create", or a prefix without the dot: "user" matches every "user.*" */
  action?: string;
  actorEmail?: string;
  entityType?: string;
  entityId?: string;
  meetingCode?: string;
  /** inclusive lower bound (UTC epoch ms) */
  from?: number;
  /** exclusive upper bound (UTC epoch ms) */
  to?: number;
  page?: number;
  pageSize?: number;
};

export type AuditRow = {
  id: number;
  at: number;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  meetingCode: string | null;
  details: Record<string, unknown>;
};

export type AuditPage = { rows: AuditRow[]; total: number; page: number; pageSize: number; pages: number };

const NOT_FOUND = failT("not_found", "api.notFound.page");

export function canReadAudit(actor: Actor): boolean {
  return hasPermission(actor, "audit.read") && actor.secretariatGroupIds.length > 0;
}

/**
 * The account an entry without a meeting is about: the user it names, a token's owner, and otherwise
 * whoever made it (a sign-in, a role change and a password link are about their `user`).
 */
const subjectUser = sql`(case ${auditLog.entityType}
  when 'user' then cast(${auditLog.entityId} as integer)
  when 'api_token' then (select ${apiTokens.userId} from ${apiTokens} where ${apiTokens.id} = cast(${auditLog.entityId} as integer))
  else ${auditLog.actorUserId} end)`;

/** The study groups an account takes part in: their secretariat, a Question it is rapporteur of, the group of its Associate. */
function groupsOfUser(user: SQL): SQL {
  return sql`select ${secretariatAssignments.studyGroupId} as sg from ${secretariatAssignments} where ${secretariatAssignments.userId} = ${user}
    union select ${questions.studyGroupId} from ${rapporteurAssignments} join ${questions} on ${questions.id} = ${rapporteurAssignments.questionId} where ${rapporteurAssignments.userId} = ${user}
    union select ${organisations.associateStudyGroupId} from ${users} join ${organisations} on ${organisations.id} = ${users.organisationId}
      where ${users.id} = ${user} and ${organisations.associateStudyGroupId} is not null`;
}

/**
 * Which entries the actor (secretariat of some groups) may read. An entry of a meeting: a meeting of
 * their groups. An entry of no meeting (sign-ins with their addresses, role changes, password links,
 * tokens): one the actor made, or one about an account that takes part in one of their groups, or in
 * none at all (an account every secretariat may manage, as on the account desk); an organisation's:
 * an Associate of their group, or any other organisation; the demo clock's: every secretariat. The SG17
 * counsellor's sign-ins and roles are SG17's business, not SG20's.
 */
export function auditScope(actor: Actor): SQL {
  const mine = sql.join(
    actor.secretariatGroupIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const aboutOrganisation = sql`coalesce((select ${organisations.associateStudyGroupId} from ${organisations} where ${organisations.id} = cast(${auditLog.entityId} as integer)) in (${mine}), 1) = 1`;
  const aboutAccount = sql`coalesce((select max(g.sg in (${mine})) from (${groupsOfUser(subjectUser)}) g), 1) = 1`;
  return or(
    inArray(meetings.studyGroupId, actor.secretariatGroupIds),
    and(
      isNull(auditLog.meetingId),
      or(
        eq(auditLog.actorUserId, actor.userId),
        eq(auditLog.entityType, "clock"),
        and(eq(auditLog.entityType, "organisation"), aboutOrganisation),
        and(sql`${auditLog.entityType} <> 'organisation'`, aboutAccount),
      ),
    ),
  )!;
}

/** The scope and the filters, as one WHERE. */
function whereOf(actor: Actor, f: AuditFilters): SQL | undefined {
  const conditions: Array<SQL | undefined> = [auditScope(actor)];
  const action = f.action?.trim();
  if (action) conditions.push(or(eq(auditLog.action, action), sql`substr(${auditLog.action}, 1, ${action.length + 1}) = ${action + "."}`));
  const email = f.actorEmail?.trim().toLowerCase();
  if (email) conditions.push(eq(users.email, email));
  if (f.entityType?.trim()) conditions.push(eq(auditLog.entityType, f.entityType.trim()));
  if (f.entityId?.trim()) conditions.push(eq(auditLog.entityId, f.entityId.trim()));
  if (f.meetingCode?.trim()) conditions.push(eq(meetings.code, f.meetingCode.trim()));
  if (f.from !== undefined) conditions.push(gte(auditLog.at, f.from));
  if (f.to !== undefined) conditions.push(lt(auditLog.at, f.to));
  return and(...conditions);
}

function selectRows(actor: Actor, f: AuditFilters) {
  return getDb()
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorName: users.name,
      actorEmail: users.email,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      meetingCode: meetings.code,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(meetings, eq(meetings.id, auditLog.meetingId))
    .where(whereOf(actor, f))
    .orderBy(desc(auditLog.at), desc(auditLog.id));
}

/** Newest first, one page at a time (LIMIT/OFFSET in SQL). */
export function listAudit(actor: Actor, filters: AuditFilters = {}): Result<AuditPage> {
  if (!canReadAudit(actor)) return NOT_FOUND;
  const pageSize = Math.min(AUDIT_MAX_PAGE_SIZE, Math.max(1, Math.trunc(filters.pageSize ?? AUDIT_DEFAULT_PAGE_SIZE)));
  const [{ n }] = getDb()
    .select({ n: count() })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(meetings, eq(meetings.id, auditLog.meetingId))
    .where(whereOf(actor, filters))
    .all();
  const pages = Math.max(1, Math.ceil(n / pageSize));
  const page = Math.min(pages, Math.max(1, Math.trunc(filters.page ?? 1)));
  const rows = selectRows(actor, filters)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  return ok({ rows, total: n, page, pageSize, pages });
}

/** The actions that occur in the actor's part of the log, for the filter's suggestions. */
export function listAuditActions(actor: Actor): string[] {
  if (!canReadAudit(actor)) return [];
  return getDb()
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .leftJoin(meetings, eq(meetings.id, auditLog.meetingId))
    .where(auditScope(actor))
    .orderBy(auditLog.action)
    .all()
    .map((r) => r.action);
}

/** Every entry that matches the filters (page and page size are ignored), newest first. */
export function auditCsvRows(actor: Actor, filters: AuditFilters = {}): Result<AuditRow[]> {
  if (!canReadAudit(actor)) return NOT_FOUND;
  return ok(selectRows(actor, filters).limit(AUDIT_CSV_MAX_ROWS).all());
}

// ---------------------------------------------------------------- the query string (page, API, CSV link)

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function param(input: Params, key: string): string | undefined {
  const v = input instanceof URLSearchParams ? input.get(key) : input[key];
  const s = Array.isArray(v) ? v[0] : v;
  const t = s?.trim();
  return t ? t : undefined;
}

/**
 * An ISO 8601 instant with its offset, or a Geneva wall time as a datetime-local field sends it; both
 * read strictly (a 30 February, an hour 25 or another format is refused, never rolled over or guessed).
 */
function parseInstant(value: string): number | null {
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(value)) return parseIsoInstant(value);
  return parseGenevaLocalInput(value);
}

function parsePositive(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  return /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : null;
}

/**
 * The filters from a query string: action, actor (e-mail), entity, entityId, meeting, from, to
 * (ISO instants, or Geneva date and time as YYYY-MM-DDTHH:mm), page, pageSize.
 */
export function parseAuditQuery(input: Params): Result<AuditFilters> {
  const fields: Record<string, FieldMessage> = {};
  const f: AuditFilters = {
    action: param(input, "action"),
    actorEmail: param(input, "actor"),
    entityType: param(input, "entity"),
    entityId: param(input, "entityId"),
    meetingCode: param(input, "meeting"),
  };
  for (const key of ["from", "to"] as const) {
    const raw = param(input, key);
    if (raw === undefined) continue;
    const at = parseInstant(raw);
    if (at === null) fields[key] = ["api.audit.badInstant", { raw }];
    else f[key] = at;
  }
  const page = parsePositive(param(input, "page"));
  if (page === null) fields.page = "api.audit.page";
  else f.page = page;
  const pageSize = parsePositive(param(input, "pageSize"));
  if (pageSize === null || (pageSize !== undefined && pageSize > AUDIT_MAX_PAGE_SIZE)) fields.pageSize = ["api.audit.pageSize", { max: AUDIT_MAX_PAGE_SIZE }];
  else f.pageSize = pageSize;
  for (const [key, value] of Object.entries(f)) if (typeof value === "string" && value.length > 320) fields[key] = "api.audit.tooLong";
  if (f.from !== undefined && f.to !== undefined && f.to <= f.from) fields.to = "api.audit.endBeforeStart";
  if (Object.keys(fields).length > 0) return invalidFields(fields, "api.audit.someFilters");
  return ok(f);
}

/** The query string of filters (times as ISO instants), for links to other pages and to the CSV. */
export function auditQueryString(f: AuditFilters, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  const entries: Record<string, string | undefined> = {
    action: f.action,
    actor: f.actorEmail,
    entity: f.entityType,
    entityId: f.entityId,
    meeting: f.meetingCode,
    from: iso(f.from),
    to: iso(f.to),
    page: f.page && f.page > 1 ? String(f.page) : undefined,
    pageSize: f.pageSize && f.pageSize !== AUDIT_DEFAULT_PAGE_SIZE ? String(f.pageSize) : undefined,
    ...extra,
  };
  for (const [key, value] of Object.entries(entries)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}
