// The review queue's CSV columns at the edge: headers and words in the reader's language; codes and instants as the data layer gives them.
import type { QueueRow } from "@/lib/data/review-queue";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
import type { CsvColumn } from "@/lib/present/csv";
import { CONTRIBUTION_STATUS_KEY, PURPOSE_KEY, REVIEW_STATE_KEY, versionName } from "@/lib/present/labels";
import { formatGeneva } from "@/lib/present/time";

const iso = (ms: number) => new Date(ms).toISOString();

/** The queue's CSV columns, headers and words in the reader's language (English by default). */
export function queueCsvColumns(locale: Locale = "en"): CsvColumn<QueueRow>[] {
  const t = translator(locale);
  return [
    { header: t("api.csv.number"), value: (r) => (r.number === null ? "" : r.displayNumber) },
    { header: t("api.csv.reference"), value: (r) => r.reference ?? "" },
    { header: t("api.csv.title"), value: (r) => r.title },
    { header: t("api.csv.source"), value: (r) => r.source },
    { header: t("api.csv.questions"), value: (r) => r.questions.join("; ") },
    { header: t("api.csv.purpose"), value: (r) => (locale === "en" ? r.purpose : t(PURPOSE_KEY[r.purpose])) },
    { header: t("api.csv.receivedGeneva"), value: (r) => formatGeneva(r.receivedAt, { locale }) },
    { header: t("api.csv.receivedUtcIso"), value: (r) => iso(r.receivedAt) },
    { header: t("api.csv.late"), value: (r) => (r.late ? t("api.csv.lateMark") : t("api.csv.onTime")) },
    { header: t("api.csv.currentVersion"), value: (r) => versionName({ kind: r.currentVersionKind, label: r.currentVersionLabel }, t) },
    { header: t("api.csv.reviewState"), value: (r) => t(REVIEW_STATE_KEY[r.reviewState]) },
    { header: t("api.csv.status"), value: (r) => t(CONTRIBUTION_STATUS_KEY[r.status]) },
  ];
}
