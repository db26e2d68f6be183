// Reading the append-only audit log (filters, pages, CSV) for the secretariat. Nothing here edits or deletes an entry.
import "server-only";
import { and, count, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog, meetings, users } from "@/db/schema";
import { toCsv, type CsvColumn } from "@/lib/present/csv";
import { failT, ok, type Result } from "@/lib/domain/failures";
import { parseGenevaLocalInput } from "@/lib/time/geneva";
import { formatGeneva, formatUtc } from "@/lib/present/time";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
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

/** The scope (entries of meetings of the actor's groups, or of no meeting) and the filters, as one WHERE. */
function whereOf(actor: Actor, f: AuditFilters): SQL | undefined {
  const conditions: Array<SQL | undefined> = [or(isNull(auditLog.meetingId), inArray(meetings.studyGroupId, actor.secretariatGroupIds))];
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
    .where(or(isNull(auditLog.meetingId), inArray(meetings.studyGroupId, actor.secretariatGroupIds)))
    .orderBy(auditLog.action)
    .all()
    .map((r) => r.action);
}

/** The log's CSV columns, headers in the reader's language (English by default); actions and details stay as stored. */
export function auditCsvColumns(locale: Locale = "en"): CsvColumn<AuditRow>[] {
  const t = translator(locale);
  return [
    { header: t("api.csv.whenGeneva"), value: (r) => formatGeneva(r.at, { locale }) },
    { header: t("api.csv.whenUtc"), value: (r) => new Date(r.at).toISOString() },
    { header: t("api.csv.actor"), value: (r) => (r.actorEmail ? `${r.actorName} <${r.actorEmail}>` : t("api.csv.system")) },
    { header: t("api.csv.action"), value: (r) => r.action },
    { header: t("api.csv.entity"), value: (r) => (r.entityId === null ? r.entityType : `${r.entityType} ${r.entityId}`) },
    { header: t("api.csv.meeting"), value: (r) => r.meetingCode },
    { header: t("api.csv.details"), value: (r) => JSON.stringify(r.details) },
  ];
}

/** Every entry that matches the filters (page and page size are ignored), newest first. */
export function auditCsvRows(actor: Actor, filters: AuditFilters = {}): Result<AuditRow[]> {
  if (!canReadAudit(actor)) return NOT_FOUND;
  return ok(selectRows(actor, filters).limit(AUDIT_CSV_MAX_ROWS).all());
}

/** The CSV text of the filtered log (lib/present/csv.ts: BOM, no formula can run). */
export function auditCsv(actor: Actor, filters: AuditFilters = {}, locale: Locale = "en"): Result<string> {
  const rows = auditCsvRows(actor, filters);
  if (!rows.ok) return rows;
  return ok(toCsv(rows.value, auditCsvColumns(locale)));
}

export function auditRowToJson(r: AuditRow) {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    atGeneva: formatGeneva(r.at),
    atUtc: formatUtc(r.at),
    actor: r.actorEmail ? { name: r.actorName, email: r.actorEmail } : null,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    meeting: r.meetingCode,
    details: r.details,
  };
}

// ---------------------------------------------------------------- the query string (page, API, CSV link)

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function param(input: Params, key: string): string | undefined {
  const v = input instanceof URLSearchParams ? input.get(key) : input[key];
  const s = Array.isArray(v) ? v[0] : v;
  const t = s?.trim();
  return t ? t : undefined;
}

/** An ISO 8601 instant with its offset, or a Geneva wall time as a datetime-local field sends it. */
function parseInstant(value: string): number | null {
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(value)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  }
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
