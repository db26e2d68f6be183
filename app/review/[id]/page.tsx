import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { REVIEW_STATES } from "@/lib/domain";
import { getContribution } from "@/lib/data/contributions";
import { questionSlug } from "@/lib/data/review-scope";
import { getReviewPanel } from "@/lib/data/review-state";
import { comparisonFor } from "@/lib/data/compare";
import { requireActor } from "@/lib/auth/session";
import { formatGeneva } from "@/lib/present/time";
import type { Locale } from "@/lib/i18n/config";
import { formatBytes } from "@/lib/present/bytes";
import { CONTRIBUTION_STATUS_KEY, PURPOSE_KEY, REVIEW_STATE_KEY, VERSION_STATE_KEY, versionName } from "@/lib/present/labels";
import { describeLateness } from "@/lib/present/durations";
import { getT } from "@/lib/i18n/server";
import type { MessageKey, Translator } from "@/lib/i18n/translate";
import { MAX_COMMENT } from "@/lib/validation/review";
import { LocalBeside, When } from "@/app/_components/when";
import { VersionCompare } from "@/app/_components/version-compare";
import { addCommentAction, setReviewStateAction } from "./actions";
import { LateBadge } from "@/app/_components/late-badge";
import { ContactsList } from "@/app/_components/contacts-list";
import { DataTable } from "@/app/_components/data-table";
import { ReviewStateOptions } from "@/app/_components/filter-options";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string; error?: string; from?: string; to?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("review.page.title") };
}

const DONE: Record<string, MessageKey> = {
  state: "review.page.done.state",
  comment: "review.page.done.comment",
};

const ERROR: Record<string, MessageKey> = {
  state: "review.page.error.state",
  comment: "review.page.error.comment",
  conflict: "review.page.error.conflict",
  not_found: "review.page.error.notFound",
  invalid: "review.page.error.invalid",
};

const ACTION_LABEL: Record<string, MessageKey> = {
  "contribution.submit": "review.page.action.contribution.submit",
  "contribution.revise": "review.page.action.contribution.revise",
  "contribution.withdraw": "review.page.action.contribution.withdraw",
  "late_request.file": "review.page.action.late_request.file",
  "late_request.decide": "review.page.action.late_request.decide",
  "review.state": "review.page.action.review.state",
  "review.comment": "review.page.action.review.comment",
};

function isReviewState(value: string): value is (typeof REVIEW_STATES)[number] {
  return (REVIEW_STATES as readonly string[]).includes(value);
}

function describeDetail(key: string, value: unknown, t: Translator, locale: Locale): React.ReactNode {
  if (typeof value === "number" && /At$/.test(key) && value > 946684800000) return <When at={value} locale={locale} inline />;
  if (key === "sha256" && typeof value === "string") return `${value.slice(0, 12)}…`;
  if ((key === "from" || key === "to") && typeof value === "string" && isReviewState(value)) return t(REVIEW_STATE_KEY[value]);
  if (value === null || value === undefined) return "—";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

export default async function ReviewPage({ params, searchParams }: Props) {
  const { id: rawId } = await params;
  const { done, error, from, to } = await searchParams;
  const id = Number(rawId);
  const actor = await requireActor(`/review/${encodeURIComponent(rawId)}`);
  const { t, locale } = await getT();
  // Both must answer: the panel refuses whoever does not review this contribution, whatever they may read.
  const panel = getReviewPanel(actor, id);
  const found = getContribution(actor, id);
  if (!panel.ok || !found.ok || !found.value.canReview) notFound();
  const c = found.value;
  const p = panel.value;
  const original = c.versions.find((v) => v.kind === "original");
  const reviewed = c.versions.find((v) => v.id === p.reviewedVersionId);
  const compare = comparisonFor(actor, c.id, c.current?.id ?? null, from, to);

  return (
    <>
      <p className="no-print">
        {c.questions.map((code, i) => (
          <span key={code}>
            {i > 0 ? " · " : ""}
            <Link href={`/questions/${questionSlug(code)}`} prefetch={false}>
              {t("review.page.queue", { code })}
            </Link>
          </span>
        ))}
      </p>
      <h1>
        {c.number === null ? t("review.noNumberYet") : c.displayNumber}: {c.title}
      </h1>
      {done && Object.hasOwn(DONE, done) ? (
        <p className="notice" role="status">
          {t(DONE[done])}
        </p>
      ) : null}
      {error ? (
        <p className="error-box" role="alert">
          {t(Object.hasOwn(ERROR, error) ? ERROR[error] : ERROR.invalid, { max: MAX_COMMENT })}
        </p>
      ) : null}

      <section aria-labelledby="cover-heading">
        <h2 id="cover-heading">{t("review.page.cover")}</h2>
        <dl className="facts card">
          <dt>{t("review.page.reference")}</dt>
          <dd>{c.reference ?? t("review.page.noNumberYet")}</dd>
          <dt>{t("review.page.meeting")}</dt>
          <dd>
            {c.meetingTitle} ({c.meetingCode})
          </dd>
          <dt>{t("review.page.status")}</dt>
          <dd>
            {t(CONTRIBUTION_STATUS_KEY[c.status])}
            {c.withdrawn ? (
              <>
                {" "}
                {t("review.page.withdrawnOn", { date: formatGeneva(c.withdrawn.at, { seconds: false, locale }), reason: c.withdrawn.reason })} <LocalBeside at={c.withdrawn.at} />
              </>
            ) : null}
          </dd>
          <dt>{t("review.page.received")}</dt>
          <dd>
            {original ? <When at={original.receivedAt} locale={locale} /> : "—"}{" "}
            <LateBadge late={c.late} t={t} />
            {original ? <div className="muted">{describeLateness(original.receivedAt, c.deadlineAt, t)}</div> : null}
          </dd>
          <dt>{t("review.page.source")}</dt>
          <dd>{c.source}</dd>
          <dt>{t("review.page.questions")}</dt>
          <dd>{c.questions.join(", ")}</dd>
          <dt>{t("review.page.purpose")}</dt>
          <dd>{t(PURPOSE_KEY[c.purpose])}</dd>
          <dt>{t("review.page.keywords")}</dt>
          <dd>{c.keywords || "—"}</dd>
          <dt>{t("review.page.abstract")}</dt>
          <dd className="rv-prewrap">{c.abstract || "—"}</dd>
          <dt>{t("review.page.contacts")}</dt>
          <dd>
            <ContactsList contacts={c.contacts} t={t} className="rv-plain" />
          </dd>
        </dl>
      </section>

      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t("review.page.versions")}</h2>
        <DataTable
          testId="versions"
          columns={[t("review.page.col.version"), t("review.page.col.received"), t("review.page.col.deadline"), t("review.page.col.state"), t("review.page.col.file")]}
        >
          {c.versions.map((v) => (
            <tr key={v.id}>
              <th scope="row">
                {versionName(v, t)}
                {c.current?.id === v.id ? <div className="muted">{t("review.page.current")}</div> : null}
              </th>
              <td>
                <When at={v.receivedAt} locale={locale} />
              </td>
              <td><LateBadge late={v.late} t={t} /></td>
              <td>{t(VERSION_STATE_KEY[v.state])}</td>
              <td>
                <a href={`/api/v1/contributions/${c.id}/file?version=${v.id}`} download>
                  {v.kind === "original" ? t("review.page.downloadOriginal") : t("review.page.download", { label: v.label })}
                </a>
                <div className="muted">
                  {v.originalName} · {formatBytes(v.size, locale, { exact: false })}
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      </section>

      {compare ? <VersionCompare {...compare} path={`/review/${c.id}`} t={t} locale={locale} /> : null}

      <section aria-labelledby="review-heading">
        <h2 id="review-heading">{t("review.page.review")}</h2>
        <p data-testid="review-status">
          {t(REVIEW_STATE_KEY[p.state])}
          {p.updatedAt !== null ? (
            <span className="muted">
              {" "}
              {t("review.page.setBy", { who: p.updatedBy ?? "", date: formatGeneva(p.updatedAt, { seconds: false, locale }) })}
              {reviewed ? (reviewed.kind === "original" ? t("review.page.onOriginal") : t("review.page.onVersion", { version: reviewed.label })) : ""}{" "}
              <LocalBeside at={p.updatedAt} />
            </span>
          ) : null}{" "}
          {p.revisedSinceReview ? <span className="badge rv-revised">{t("review.badge.revisedSinceReview")}</span> : null}
        </p>
        {c.status === "withdrawn" ? (
          <p className="muted">{t("review.page.closed")}</p>
        ) : (
          <form action={setReviewStateAction} className="rv-row-form">
            <input type="hidden" name="contributionId" value={c.id} />
            <div>
              <label htmlFor="review-state">{t("review.page.reviewState")}</label>
              <select id="review-state" name="state" defaultValue={p.state}>
                <ReviewStateOptions t={t} />
              </select>
            </div>
            <button type="submit" className="primary">
              {t("review.page.saveState")}
            </button>
          </form>
        )}
      </section>

      {/* No accessible name on this section: "Comments" would also answer to the label "Comment" of the textarea. */}
      <section>
        <h2 id="comments-heading">{t("review.page.comments")}</h2>
        {p.comments.length === 0 ? (
          <p>{t("review.page.noComment")}</p>
        ) : (
          <ol className="rv-comments" data-testid="comments">
            {p.comments.map((m) => (
              <li key={m.id} className="card">
                <p className="muted" style={{ margin: 0 }}>
                  {m.author}, <When at={m.at} locale={locale} seconds={false} inline /> ·{" "}
                  {m.sharedWithSubmitter ? <span className="badge rv-shared">{t("review.page.shared")}</span> : <span className="badge">{t("review.page.reviewersOnly")}</span>}
                </p>
                <p className="rv-prewrap" style={{ margin: ".4rem 0 0" }}>
                  {m.body}
                </p>
              </li>
            ))}
          </ol>
        )}
        <form action={addCommentAction} className="stack">
          <input type="hidden" name="contributionId" value={c.id} />
          <div>
            <label htmlFor="comment-body">{t("review.page.comment")}</label>
            <textarea id="comment-body" name="body" rows={4} required maxLength={MAX_COMMENT} />
          </div>
          <div>
            <label className="rv-check">
              <input type="checkbox" name="sharedWithSubmitter" /> {t("review.page.share")}
            </label>
            <p className="muted" style={{ margin: 0 }}>
              {t("review.page.unsharedHelp")}
            </p>
          </div>
          <div>
            <button type="submit" className="primary">
              {t("review.page.addComment")}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("review.page.history")}</h2>
        <DataTable testId="history" columns={[t("review.page.col.when"), t("review.page.col.what"), t("review.page.col.who"), t("review.page.col.details")]}>
          {p.history.map((h, i) => (
            <tr key={`${h.at}-${i}`}>
              <td>
                <When at={h.at} locale={locale} />
              </td>
              <th scope="row">{Object.hasOwn(ACTION_LABEL, h.action) ? t(ACTION_LABEL[h.action]) : h.action}</th>
              <td>{h.actor ?? t("review.page.system")}</td>
              <td>
                <ul className="rv-plain">
                  {Object.entries(h.details).map(([k, v]) => (
                    <li key={k}>
                      {k}: {describeDetail(k, v, t, locale)}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
    </>
  );
}
