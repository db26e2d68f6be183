import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ContributionStatus, VersionKind } from "@/lib/domain";
import { getContribution } from "@/lib/data/contributions";
import { requireActor } from "@/lib/auth/session";
import { CONTRIBUTION_STATUS_KEY, versionName } from "@/lib/present/labels";
import { formatBytes } from "@/lib/present/bytes";
import { cutoffDistance } from "@/lib/present/durations";
import { formatGeneva, formatUtc } from "@/lib/present/time";
import { getT } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { LocalTime } from "@/app/_components/local-time";
import { LocalBeside } from "@/app/_components/when";
import { PrintButton } from "./print-button";
import { LateBadge } from "@/app/_components/late-badge";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ version?: string }> };

/** "No number (deferred to the next meeting)": a document that left the meeting without one. */
const NO_NUMBER_KEY: Record<ContributionStatus, MessageKey> = {
  active: "member.receipt.noNumber.active",
  withdrawn: "member.receipt.noNumber.withdrawn",
  late_request: "member.receipt.noNumber.lateRequest",
  deferred: "member.receipt.noNumber.deferred",
  reissued_td: "member.receipt.noNumber.reissuedTd",
  declined: "member.receipt.noNumber.declined",
};

/** A new version filed after the cutoff waits for the secretariat. */
const LATE_VERSION_KEY: Record<VersionKind, MessageKey> = {
  original: "member.receipt.lateVersion.original",
  revision: "member.receipt.lateVersion.revision",
  addendum: "member.receipt.lateVersion.addendum",
  corrigendum: "member.receipt.lateVersion.corrigendum",
};

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("member.receipt.heading") };
}

export default async function ReceiptPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { version } = await searchParams;
  const actor = await requireActor(`/contributions/${id}/receipt${version ? `?version=${encodeURIComponent(version)}` : ""}`);
  const { t, locale } = await getT();
  const found = getContribution(actor, Number(id));
  if (!found.ok) notFound();
  const c = found.value;
  // The versions listed are exactly those this actor may see, so a hidden version is simply not found.
  const v = version === undefined ? c.versions.at(-1) : c.versions.find((x) => x.id === Number(version));
  if (!v) notFound();

  const suffix = v.kind === "original" ? "" : ` ${v.label}`;
  const isLateRequest = v.state === "pending";
  const numberText =
    c.number === null
      ? c.status === "late_request"
        ? t("member.receipt.lateRequestNumber")
        : t(NO_NUMBER_KEY[c.status])
      : `${c.displayNumber}${suffix}`;
  const status =
    c.status === "withdrawn"
      ? t(CONTRIBUTION_STATUS_KEY.withdrawn)
      : isLateRequest
        ? t("member.receipt.status.lateRequest")
        : v.state === "refused"
          ? t("member.receipt.status.refused")
          : t(CONTRIBUTION_STATUS_KEY[c.status]);

  return (
    <>
      <h1>{t("member.receipt.heading")}</h1>
      <p className="no-print muted">{t("member.receipt.keep")}</p>
      <section className="card receipt" aria-label={t("member.receipt.details")} data-testid="receipt">
        <p className="receipt-head">{t("member.receipt.head", { meeting: c.meetingTitle, code: c.meetingCode })}</p>
        <dl className="facts">
          <dt>{t("member.col.number")}</dt>
          <dd>
            <strong data-testid="receipt-number">{numberText}</strong>
            {isLateRequest && c.number !== null ? <div className="muted">{t(LATE_VERSION_KEY[v.kind])}</div> : null}
          </dd>
          <dt>{t("member.field.reference")}</dt>
          <dd data-testid="receipt-reference">{c.reference ?? t("member.receipt.noReference")}</dd>
          <dt>{t("member.col.version")}</dt>
          <dd>{versionName(v, t)}</dd>
          <dt>{t("member.col.title")}</dt>
          <dd>{c.title}</dd>
          <dt>{t("member.col.questions")}</dt>
          <dd>{c.questions.join(", ") || "—"}</dd>
          <dt>{t("member.field.source")}</dt>
          <dd>{c.source}</dd>
          <dt>{t("member.receipt.submittedBy")}</dt>
          <dd>{v.submittedBy}</dd>
          <dt>{t("member.receipt.fileName")}</dt>
          <dd className="break-all">{v.originalName}</dd>
          <dt>{t("member.col.receivedGeneva")}</dt>
          <dd>
            <strong data-testid="receipt-received-geneva">{formatGeneva(v.receivedAt, { seconds: true, locale })}</strong>
          </dd>
          <dt>{t("member.receipt.receivedUtc")}</dt>
          <dd>
            {formatUtc(v.receivedAt, locale)}
            <div>
              <LocalTime at={v.receivedAt} />
            </div>
          </dd>
          <dt>{t("member.receipt.uploadStarted")}</dt>
          <dd>
            {formatGeneva(v.requestStartedAt, { seconds: true, locale })} <span className="muted">{t("member.receipt.genevaNote")}</span>
            <div className="muted">
              <LocalTime at={v.requestStartedAt} />
            </div>
          </dd>
          <dt>{t("member.col.size")}</dt>
          <dd>{formatBytes(v.size, locale)}</dd>
          <dt>SHA-256</dt>
          <dd>
            <code className="break-all" data-testid="receipt-sha256">
              {v.sha256}
            </code>
          </dd>
          <dt>{t("member.col.deadline")}</dt>
          <dd>
            <LateBadge late={v.late} t={t} testId="receipt-late" />{" "}
            {cutoffDistance(v.receivedAt, c.deadlineAt, t)}
            <div className="muted">
              {t("member.receipt.firstLateInstant", { time: formatGeneva(c.deadlineAt, { seconds: false, locale }) })} <LocalBeside at={c.deadlineAt} />
            </div>
          </dd>
          <dt>{t("member.col.status")}</dt>
          <dd data-testid="receipt-status">{status}</dd>
        </dl>
      </section>
      <p className="actions no-print">
        <PrintButton />
        <Link href={`/contributions/${c.id}`}>{t("member.receipt.theContribution")}</Link>
        <Link href="/contributions">{t("member.list.heading")}</Link>
      </p>
    </>
  );
}
