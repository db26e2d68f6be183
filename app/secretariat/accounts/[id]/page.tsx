import type { Metadata } from "next";
import Link from "next/link";
import { Fragment } from "react";
import { notFound } from "next/navigation";
import { ActionForm } from "@/app/_components/action-form";
import { When } from "@/app/_components/when";
import { accountFormOptions, getAccount, PASSWORD_LINK_TTL_MS } from "@/lib/data/accounts";
import { RAPPORTEUR_KINDS, type RapporteurKind } from "@/lib/domain";
import { requireActor } from "@/lib/auth/session";
import { fillSlots } from "@/lib/present/format";
import type { Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import type { MessageKey, Translator } from "@/lib/i18n/translate";
import { now } from "@/lib/time/clock";
import { organisationTypeLabel } from "@/lib/present/labels";
import { roleLinesText } from "../account-text";
import {
  approvePendingAccountAction,
  declinePendingAccountAction,
  sendPasswordLinkAction,
  setAccountActiveAction,
  setRapporteurAction,
  setSecretariatAction,
} from "../actions";
import { CardSection } from "@/app/_components/card-section";
import { OrganisationOptions } from "../organisation-options";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ decided?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("secretariat.account.title") };
}

const RAPPORTEUR_KIND_KEY: Record<RapporteurKind, MessageKey> = {
  rapporteur: "secretariat.rapporteurKind.rapporteur",
  associate_rapporteur: "secretariat.rapporteurKind.associate_rapporteur",
};

/** A sentence whose {date} is an instant in Geneva time with the viewer's own time beside it. */
function withWhen(text: string, ms: number, locale: Locale): React.ReactNode[] {
  return fillSlots(text, { date: <When key="date" at={ms} locale={locale} seconds={false} inline /> });
}

function linkState(l: { createdAt: number; expiresAt: number; usedAt: number | null }, at: number, t: Translator, locale: Locale): React.ReactNode[] {
  if (l.usedAt !== null) return withWhen(t("secretariat.account.password.used"), l.usedAt, locale);
  // Closed before its time: another link was used, or the account was deactivated.
  if (l.expiresAt <= at && l.expiresAt < l.createdAt + PASSWORD_LINK_TTL_MS) return withWhen(t("secretariat.account.password.closed"), l.expiresAt, locale);
  if (l.expiresAt <= at) return withWhen(t("secretariat.account.password.expired"), l.expiresAt, locale);
  return withWhen(t("secretariat.account.password.openUntil"), l.expiresAt, locale);
}

export default async function AccountPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { decided } = await searchParams;
  const actor = await requireActor(`/secretariat/accounts/${id}`);
  const userId = /^\d{1,9}$/.test(id) ? Number(id) : NaN;
  const found = getAccount(actor, userId);
  if (!found.ok) notFound();
  const { account: a, passwordLinks, assignableQuestions, ownGroups } = found.value;
  const { t, locale } = await getT();
  const roles = roleLinesText(a, t);
  const at = now();
  const pending = a.active && a.pendingSince !== null;
  const formOptions = pending ? accountFormOptions(actor) : null;
  const organisations = formOptions?.ok ? formOptions.value.organisations : [];

  return (
    <>
      <p className="no-print">
        <Link href="/secretariat/accounts">{t("secretariat.account.allAccounts")}</Link> ·{" "}
        <Link href={`/secretariat/audit?entity=user&entityId=${a.id}`}>{t("secretariat.account.auditLink")}</Link>
      </p>
      <h1>{a.name}</h1>
      {!a.active ? (
        <p className="notice strong" role="status">
          {a.deactivatedAt !== null
            ? withWhen(t("secretariat.account.deactivatedSinceNotice"), a.deactivatedAt, locale)
            : t("secretariat.account.deactivatedNotice")}
        </p>
      ) : null}
      {decided === "approved" && !pending && a.active && a.organisation ? (
        <p className="notice" role="status" data-testid="decided">
          {t("sso.pending.approved", { name: a.name, org: a.organisation.name })}
        </p>
      ) : decided === "declined" && !a.active ? (
        <p className="notice" role="status" data-testid="decided">
          {t("sso.pending.declined", { name: a.name })}
        </p>
      ) : null}
      {pending && a.pendingSince !== null ? (
        <>
          <p className="notice strong" role="status" data-testid="pending-notice">
            {withWhen(t("sso.pending.notice"), a.pendingSince, locale)}
          </p>
          <CardSection id="approve-h" heading={t("sso.pending.approveHeading")}>
            <ActionForm action={approvePendingAccountAction.bind(null, a.id)} submitLabel={t("sso.pending.approve")} label={t("sso.pending.approveHeading")} testId="approve-form">
              <div>
                <label htmlFor="p-org">{t("sso.pending.organisation")}</label>
                <select id="p-org" name="organisation" required defaultValue="">
                  <option value="" disabled>
                    {t("secretariat.choose")}
                  </option>
                  <OrganisationOptions organisations={organisations} t={t} />
                </select>
              </div>
            </ActionForm>
          </CardSection>
        </>
      ) : null}
      <dl className="facts card" data-testid="account-facts">
        <dt>{t("secretariat.account.email")}</dt>
        <dd>{a.email}</dd>
        <dt>{t("secretariat.account.telephone")}</dt>
        <dd>{a.phone ?? "—"}</dd>
        <dt>{t("secretariat.account.organisation")}</dt>
        <dd>
          {a.organisation
            ? t("secretariat.account.organisationValue", {
                name: a.organisation.name,
                country: a.organisation.country,
                type: organisationTypeLabel(a.organisation, t),
              })
            : t("secretariat.none")}
        </dd>
        <dt>{t("secretariat.account.roles")}</dt>
        <dd>
          {roles.length > 0 ? (
            <ul className="plain" data-testid="account-roles">
              {roles.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : (
            t("secretariat.noRole")
          )}
        </dd>
        <dt>{t("secretariat.account.status")}</dt>
        <dd>{t(pending ? "sso.pending.status" : a.active ? "secretariat.active" : "secretariat.deactivated")}</dd>
        <dt>{t("secretariat.account.created")}</dt>
        <dd>
          <When at={a.createdAt} locale={locale} seconds={false} />
        </dd>
      </dl>

      <CardSection id="rapporteur-h" heading={t("secretariat.account.rapporteur.heading")}>
        <p>{t("secretariat.account.rapporteur.intro")}</p>
        <ActionForm
          action={setRapporteurAction.bind(null, a.id)}
          submitLabel={t("secretariat.account.rapporteur.submit")}
          label={t("secretariat.account.rapporteur.formLabel")}
          testId="rapporteur-form"
        >
          <div>
            <label htmlFor="r-question">{t("secretariat.account.rapporteur.question")}</label>
            <select id="r-question" name="question" required defaultValue="">
              <option value="" disabled>
                {t("secretariat.choose")}
              </option>
              {assignableQuestions.map((q) => (
                <option key={q.id} value={q.code}>
                  {q.code}: {q.title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="r-kind">{t("secretariat.account.rapporteur.role")}</label>
            <select id="r-kind" name="kind" defaultValue="rapporteur">
              {RAPPORTEUR_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(RAPPORTEUR_KIND_KEY[k])}
                </option>
              ))}
              <option value="none">{t("secretariat.account.rapporteur.remove")}</option>
            </select>
          </div>
        </ActionForm>
      </CardSection>

      <CardSection id="secretariat-h" heading={t("secretariat.account.secretariat.heading")}>
        <p>{t("secretariat.account.secretariat.intro")}</p>
        <ul className="plain">
          {ownGroups.map((g) => {
            const on = a.secretariatOf.some((s) => s.studyGroupId === g.id);
            return (
              <li key={g.id}>
                <strong>{g.code}</strong>: {t(on ? "secretariat.account.secretariat.in" : "secretariat.account.secretariat.notIn")}
                {on && a.isSelf ? (
                  <span className="muted"> {t("secretariat.account.secretariat.cannotRemoveSelf")}</span>
                ) : (
                  <ActionForm
                    action={setSecretariatAction.bind(null, a.id)}
                    submitLabel={t(on ? "secretariat.account.secretariat.remove" : "secretariat.account.secretariat.add", { code: g.code })}
                    className="inline-form"
                    label={t("secretariat.account.secretariat.formLabel", { code: g.code })}
                  >
                    <input type="hidden" name="group" value={g.code} />
                    <input type="hidden" name="on" value={on ? "0" : "1"} />
                  </ActionForm>
                )}
              </li>
            );
          })}
        </ul>
      </CardSection>

      <CardSection id="password-h" heading={t("secretariat.account.password.heading")}>
        <p>{t("secretariat.account.password.intro", { email: a.email })}</p>
        {passwordLinks.length > 0 ? (
          <>
            <h3 id="links-h">{t("secretariat.account.password.recent")}</h3>
            <ul aria-labelledby="links-h">
              {passwordLinks.map((l) => (
                <li key={l.id}>
                  {fillSlots(
                    l.createdBy ? t("secretariat.account.password.createdBy", { by: l.createdBy }) : t("secretariat.account.password.created"),
                    {
                      date: <When key="date" at={l.createdAt} locale={locale} seconds={false} inline />,
                      state: <Fragment key="state">{linkState(l, at, t, locale)}</Fragment>,
                    },
                  )}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {!a.manageable ? (
          <p className="muted">{t("secretariat.account.password.otherGroups")}</p>
        ) : !a.active ? (
          <p className="muted">{t("secretariat.account.password.reactivateFirst")}</p>
        ) : (
          <ActionForm
            action={sendPasswordLinkAction.bind(null, a.id)}
            submitLabel={t("secretariat.account.password.send")}
            label={t("secretariat.account.password.send")}
            testId="password-link-form"
          >
            {null}
          </ActionForm>
        )}
      </CardSection>

      {pending ? (
        <CardSection id="decline-h" heading={t("sso.pending.declineHeading")}>
          <p>{t("sso.pending.declineIntro")}</p>
          <ActionForm action={declinePendingAccountAction.bind(null, a.id)} submitLabel={t("sso.pending.decline")} label={t("sso.pending.declineHeading")} testId="decline-form">
            <div>
              <label htmlFor="d-reason">{t("sso.pending.reason")}</label>
              <textarea id="d-reason" name="reason" required minLength={3} rows={2} />
            </div>
          </ActionForm>
        </CardSection>
      ) : (
        <CardSection id="status-h" heading={t(a.active ? "secretariat.account.status.deactivateHeading" : "secretariat.account.status.reactivateHeading")}>
          {a.isSelf ? (
            <p className="muted">{t("secretariat.account.status.self")}</p>
          ) : !a.manageable ? (
            <p className="muted">{t("secretariat.account.status.otherGroups")}</p>
          ) : (
            <>
              <p>{t(a.active ? "secretariat.account.status.deactivateIntro" : "secretariat.account.status.reactivateIntro")}</p>
              <ActionForm
                action={setAccountActiveAction.bind(null, a.id, !a.active)}
                submitLabel={t(a.active ? "secretariat.account.status.deactivate" : "secretariat.account.status.reactivate")}
                label={t(a.active ? "secretariat.account.status.deactivateHeading" : "secretariat.account.status.reactivateHeading")}
                testId="account-status-form"
              >
                <div>
                  <label htmlFor="s-reason">{t("secretariat.account.status.reason")}</label>
                  <textarea id="s-reason" name="reason" required minLength={3} rows={2} />
                </div>
              </ActionForm>
            </>
          )}
        </CardSection>
      )}
    </>
  );
}
