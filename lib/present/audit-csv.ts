// The audit log's CSV at the edge: headers in the reader's language, instants in Geneva time and UTC; actions and details stay as stored.
import type { AuditRow } from "@/lib/data/audit-log";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
import { toCsv, type CsvColumn } from "@/lib/present/csv";
import { formatGeneva } from "@/lib/present/time";

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

/** The CSV text of the log's rows (lib/present/csv.ts: BOM, no formula can run). */
export function auditCsv(rows: AuditRow[], locale: Locale = "en"): string {
  return toCsv(rows, auditCsvColumns(locale));
}
