import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/app/_components/action-form";
import { listExtensions } from "@/lib/data/extensions";
import { getMeeting } from "@/lib/data/meetings";
import { listOrganisations } from "@/lib/data/organisations";
import { requireActor } from "@/lib/auth/session";
import { toGenevaLocalInput } from "@/lib/time/geneva";
import { formatGeneva } from "@/lib/present/time";
import { getT } from "@/lib/i18n/server";
import { memberTypeLabel, SESSION_KIND_KEY } from "@/lib/present/labels";
import { SESSION_KINDS } from "@/lib/domain";
import { addSessionAction, grantExtensionAction, removeSessionAction, revokeExtensionAction, updateMeetingAction } from "../actions";
import { LocalBeside } from "@/app/_components/when";
import { MeetingFields } from "@/app/_components/meeting-fields";
import { CardSection } from "@/app/_components/card-section";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("secretariat.manage.title", { code: (await params).code }) };
}

export default async function ManageMeetingPage({ params }: Props) {
  const { code } = await params;
  const actor = await requireActor(`/meetings/${code}/manage`);
  const found = getMeeting(actor, code);
  if (!found.ok || !found.value.canManage) notFound();
  const m = found.value;
  const exts = listExtensions(actor, code);
  const orgs = listOrganisations(actor);
  const { t, locale } = await getT();
  const at = (ms: number, weekday = true) => formatGeneva(ms, { seconds: false, weekday, locale });
  // The deadline is bold inside the sentence: split the translated sentence around it.
  const [beforeDeadline, afterDeadline] = t("secretariat.manage.facts.currentDeadline", {
    rule: t(m.deadlineRule === "default" ? "secretariat.manage.facts.ruleDefault" : "secretariat.manage.facts.ruleSet"),
  }).split("{deadline}");
  return (
    <>
      <h1>{t("secretariat.manage.title", { code: m.code })}</h1>
      <p>
        <Link href={`/meetings/${code}`}>{t("secretariat.manage.meetingPageLink")}</Link> ·{" "}
        <Link href={`/meetings/${code}/late-report`}>{t("secretariat.manage.lateReportLink")}</Link> ·{" "}
        <Link href="/secretariat/meetings/new">{t("secretariat.manage.createAnotherLink")}</Link>
      </p>

      <CardSection id="facts-h" heading={t("secretariat.manage.facts.heading")}>
        <p>
          {beforeDeadline}
          <strong>{at(m.deadlineAt)}</strong>
          {afterDeadline} <LocalBeside at={m.deadlineAt} />
        </p>
        <ActionForm
          action={updateMeetingAction.bind(null, code)}
          submitLabel={t("secretariat.manage.facts.submit")}
          label={t("secretariat.manage.facts.formLabel")}
          testId="meeting-form"
        >
          <div>
            <label htmlFor="m-title">{t("secretariat.meetingForm.title")}</label>
            <input id="m-title" name="title" type="text" defaultValue={m.title} required />
          </div>
          <MeetingFields idPrefix="m" values={m} t={t} />
          <fieldset>
            <legend>{t("secretariat.manage.facts.deadline")}</legend>
            <label style={{ fontWeight: 400 }}>
              <input type="radio" name="deadlineMode" value="keep" defaultChecked /> {t("secretariat.manage.facts.keep")}
            </label>
            <label style={{ fontWeight: 400 }}>
              <input type="radio" name="deadlineMode" value="default" /> {t("secretariat.manage.facts.useDefault")}
            </label>
            <label style={{ fontWeight: 400 }}>
              <input type="radio" name="deadlineMode" value="override" /> {t("secretariat.manage.facts.override")}
            </label>
            <label htmlFor="m-deadline" className="visually-hidden">
              {t("secretariat.manage.facts.newDeadline")}
            </label>
            <input id="m-deadline" name="deadline" type="datetime-local" step="1" defaultValue={toGenevaLocalInput(m.deadlineAt)} />
          </fieldset>
          <div>
            <label htmlFor="m-reason">{t("secretariat.manage.facts.reason")}</label>
            <textarea id="m-reason" name="reason" required rows={2} />
          </div>
          <div>
            <label htmlFor="m-reference">{t("secretariat.meetingForm.reference")}</label>
            <input id="m-reference" name="reference" type="text" required placeholder={t("secretariat.manage.facts.referencePlaceholder")} />
          </div>
        </ActionForm>
      </CardSection>

      <CardSection id="ext-h" heading={t("secretariat.manage.ext.heading")}>
        <p>{t("secretariat.manage.ext.intro")}</p>
        {exts.ok && exts.value.length > 0 ? (
          <ul data-testid="extension-list">
            {exts.value.map((e) => (
              <li key={e.id}>
                <strong>{e.organisationName ?? `${e.userName} (${e.userEmail})`}</strong> {t("secretariat.manage.ext.until", { date: at(e.untilAt) })} <LocalBeside at={e.untilAt} /> — {e.reason}
                {e.revokedAt ? (
                  <span className="muted">
                    {" "}
                    {t("secretariat.manage.ext.revoked", { date: at(e.revokedAt) })} <LocalBeside at={e.revokedAt} />
                  </span>
                ) : (
                  <ActionForm
                    action={revokeExtensionAction.bind(null, code)}
                    submitLabel={t("secretariat.manage.ext.revoke")}
                    className="inline-form"
                    label={t("secretariat.manage.ext.revokeLabel", { id: e.id })}
                  >
                    <input type="hidden" name="extensionId" value={e.id} />
                    <label htmlFor={`revoke-${e.id}`} className="visually-hidden">
                      {t("secretariat.manage.ext.revokeReason")}
                    </label>
                    <input id={`revoke-${e.id}`} name="reason" type="text" placeholder={t("secretariat.manage.ext.revokeReason")} />
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("secretariat.manage.ext.none")}</p>
        )}
        <ActionForm
          action={grantExtensionAction.bind(null, code)}
          submitLabel={t("secretariat.manage.ext.grant")}
          label={t("secretariat.manage.ext.grantLabel")}
          testId="extension-form"
        >
          <div>
            <label htmlFor="x-org">{t("secretariat.manage.ext.organisation")}</label>
            <select id="x-org" name="organisation" defaultValue="">
              <option value="">{t("secretariat.manage.ext.orNameMember")}</option>
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {t("secretariat.manage.ext.organisationOption", { name: o.name, type: memberTypeLabel(o.memberType, t), country: o.country })}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="x-user">{t("secretariat.manage.ext.memberEmail")}</label>
            <input id="x-user" name="user" type="email" />
          </div>
          <div>
            <label htmlFor="x-until">{t("secretariat.manage.ext.untilInput")}</label>
            <input id="x-until" name="until" type="datetime-local" step="1" required />
          </div>
          <div>
            <label htmlFor="x-reason">{t("secretariat.manage.ext.reason")}</label>
            <textarea id="x-reason" name="reason" required rows={2} />
          </div>
        </ActionForm>
      </CardSection>

      <CardSection id="sessions-h" heading={t("secretariat.manage.sessions.heading")}>
        <ul>
          {m.sessions.map((s) => (
            <li key={s.id}>
              {s.title}: {at(s.startsAt)} – {at(s.endsAt, false)} <LocalBeside at={s.startsAt} />
              <ActionForm
                action={removeSessionAction.bind(null, code)}
                submitLabel={t("secretariat.manage.sessions.remove")}
                className="inline-form"
                label={t("secretariat.manage.sessions.removeLabel", { title: s.title })}
              >
                <input type="hidden" name="sessionId" value={s.id} />
              </ActionForm>
            </li>
          ))}
        </ul>
        <ActionForm
          action={addSessionAction.bind(null, code)}
          submitLabel={t("secretariat.manage.sessions.add")}
          label={t("secretariat.manage.sessions.addLabel")}
        >
          <div>
            <label htmlFor="s-title">{t("secretariat.manage.sessions.title")}</label>
            <input id="s-title" name="title" type="text" required />
          </div>
          <div>
            <label htmlFor="s-kind">{t("secretariat.manage.sessions.kind")}</label>
            <select id="s-kind" name="kind" defaultValue="other">
              {SESSION_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(SESSION_KIND_KEY[kind])}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="s-start">{t("secretariat.manage.sessions.starts")}</label>
            <input id="s-start" name="startsAt" type="datetime-local" required />
          </div>
          <div>
            <label htmlFor="s-end">{t("secretariat.manage.sessions.ends")}</label>
            <input id="s-end" name="endsAt" type="datetime-local" required />
          </div>
          <label style={{ fontWeight: 400 }}>
            <input type="checkbox" name="registrationRequired" /> {t("secretariat.manage.sessions.registration")}
          </label>
        </ActionForm>
      </CardSection>
    </>
  );
}
