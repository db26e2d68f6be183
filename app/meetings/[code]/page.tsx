import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getMeeting } from "@/lib/data/meetings";
import { requireActor } from "@/lib/auth/session";
import { formatGeneva } from "@/lib/present/time";
import type { Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import type { MessageKey, Translator } from "@/lib/i18n/translate";
import { DeadlineBox } from "@/app/_components/deadline-box";
import { LocalTime } from "@/app/_components/local-time";
import { When } from "@/app/_components/when";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("common.meeting.metaTitle", { code: (await params).code }) };
}

const MODE_KEY: Record<string, MessageKey> = {
  virtual: "common.meeting.mode.virtual",
  hybrid: "common.meeting.mode.hybrid",
  physical: "common.meeting.mode.physical",
};

/** The meeting's fields as the change history names them; the English keeps the stored field name. */
const FIELD_KEY: Record<string, MessageKey> = {
  created: "common.meeting.field.created",
  title: "common.meeting.field.title",
  mode: "common.meeting.field.mode",
  location: "common.meeting.field.location",
  firstDay: "common.meeting.field.firstDay",
  lastDay: "common.meeting.field.lastDay",
  timeZone: "common.meeting.field.timeZone",
  deadlineAt: "common.meeting.field.deadlineAt",
  deadlineRule: "common.meeting.field.deadlineRule",
  deadlineNote: "common.meeting.field.deadlineNote",
};

function fieldName(field: string, t: Translator): string {
  const key = FIELD_KEY[field];
  return key ? t(key) : field;
}

/** Stored values of the history that are words (the English keeps the stored value). */
const VALUE_KEY: Record<string, Record<string, MessageKey>> = {
  mode: { virtual: "common.meeting.value.virtual", hybrid: "common.meeting.value.hybrid", physical: "common.meeting.value.physical" },
  deadlineRule: { default: "common.meeting.value.default", override: "common.meeting.value.override" },
};

function describeChange(field: string, value: unknown, locale: Locale, t: Translator): React.ReactNode {
  if (typeof value === "number" && value > 946684800000) return <When at={value} locale={locale} seconds={false} inline />;
  const key = typeof value === "string" ? VALUE_KEY[field]?.[value] : undefined;
  return key ? t(key) : String(value);
}

export default async function MeetingPage({ params }: Props) {
  const { code } = await params;
  const actor = await requireActor(`/meetings/${code}`);
  const { t, locale } = await getT();
  const result = getMeeting(actor, code);
  if (!result.ok) notFound();
  const m = result.value;
  return (
    <>
      <h1>{m.title}</h1>
      <dl className="facts card">
        <dt>{t("common.meeting.code")}</dt>
        <dd>{m.code}</dd>
        <dt>{t("common.meeting.studyGroup")}</dt>
        <dd>
          {t("common.meeting.studyGroupValue", { code: m.studyGroup.code, title: m.studyGroup.title, period: m.studyPeriod.label })}
        </dd>
        <dt>{t("common.meeting.dates")}</dt>
        <dd>{t("common.meeting.datesValue", { first: m.firstDay, last: m.lastDay })}</dd>
        <dt>{t("common.meeting.mode")}</dt>
        <dd>{t(MODE_KEY[m.mode] ?? "common.meeting.mode.physical")}</dd>
        <dt>{t("common.meeting.location")}</dt>
        <dd>{m.location}</dd>
        <dt>{t("common.meeting.timeZone")}</dt>
        <dd>{m.timeZone}</dd>
        {m.deadlineNote ? (
          <>
            <dt>{t("common.meeting.deadlineNote")}</dt>
            <dd>{m.deadlineNote}</dd>
          </>
        ) : null}
        {m.studyGroup.email ? (
          <>
            <dt>{t("common.meeting.secretariat")}</dt>
            <dd>
              <a href={`mailto:${m.studyGroup.email}`}>{m.studyGroup.email}</a>
            </dd>
          </>
        ) : null}
      </dl>
      <DeadlineBox deadlineAt={m.deadlineAt} />
      <p className="no-print">
        <a href={`/api/v1/meetings/${m.code}/calendar.ics`} download>
          {t("common.meeting.calendar")}
        </a>{" "}
        · <Link href={`/meetings/${m.code}/documents`}>{t("common.meeting.documents")}</Link>
        {m.canManage ? (
          <>
            {" "}
            · <Link href={`/meetings/${m.code}/manage`}>{t("common.meeting.manage")}</Link> ·{" "}
            <Link href={`/meetings/${m.code}/late-report`}>{t("common.meeting.lateReport")}</Link>
          </>
        ) : null}
      </p>

      <h2>{t("common.meeting.sessions")}</h2>
      {m.sessions.length === 0 ? (
        <p>{t("common.meeting.noSessions")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("common.meeting.session")}</th>
                <th scope="col">{t("common.meeting.when")}</th>
                <th scope="col">{t("common.meeting.registration")}</th>
              </tr>
            </thead>
            <tbody>
              {m.sessions.map((s) => (
                <tr key={`${s.title}-${s.startsAt}`}>
                  <td>
                    {s.title}
                    {s.note ? <div className="muted">{s.note}</div> : null}
                  </td>
                  <td>
                    {formatGeneva(s.startsAt, { seconds: false, locale })} – {formatGeneva(s.endsAt, { seconds: false, weekday: false, locale })}
                    <div className="muted">
                      <LocalTime at={s.startsAt} />
                    </div>
                  </td>
                  <td>{s.registrationRequired ? t("common.meeting.registrationMandatory") : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t("common.meeting.history")}</h2>
      {m.changes.length === 0 ? (
        <p>{t("common.meeting.noChanges")}</p>
      ) : (
        <ol data-testid="meeting-history">
          {m.changes.map((c) => (
            <li key={`${c.at}-${c.reference}`}>
              <strong>{c.reference}</strong> — <When at={c.at} locale={locale} seconds={false} inline />
              {c.actorName ? ` ${t("common.meeting.changedBy", { name: c.actorName })}` : ""}
              <p style={{ margin: ".2rem 0" }}>{c.reason}</p>
              <ul>
                {Object.entries(c.changes).map(([field, change]) => (
                  <li key={field}>
                    {fieldName(field, t)}: {describeChange(field, change.from, locale, t)} → {describeChange(field, change.to, locale, t)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
