import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { listTokens } from "@/lib/data/tokens";
import { getFeedKey } from "@/lib/data/feeds";
import { getNoticePreferences } from "@/lib/data/notices";
import { listMyQuestions } from "@/lib/data/review-questions";
import { formatGeneva } from "@/lib/present/time";
import { getT } from "@/lib/i18n/server";
import type { Translator } from "@/lib/i18n/translate";
import type { Actor } from "@/lib/auth/permissions";
import { LocalTime } from "@/app/_components/local-time";
import { When } from "@/app/_components/when";
import { organisationTypeLabel } from "@/lib/present/labels";
import { CreateTokenForm, RevokeTokenButton } from "./token-forms";
import { TimeZoneForm } from "./time-zone-form";
import { ChangePasswordForm } from "./password-form";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords";
import { passwordInUse } from "@/lib/data/sign-in";
import { FeedKeyForms, NoticesForm } from "./notice-forms";
import { DataTable } from "@/app/_components/data-table";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("common.account.metaTitle") };
}

function roles(actor: Actor, t: Translator): string[] {
  const out: string[] = [];
  if (actor.roles.includes("member") && actor.organisation) {
    out.push(t("common.account.role.member", { organisation: actor.organisation.name, type: organisationTypeLabel({ ...actor.organisation, associateStudyGroupCode: null }, t) }));
  }
  if (actor.roles.includes("rapporteur")) {
    out.push(t("common.account.role.rapporteur", { count: actor.rapporteurQuestionIds.length }));
  }
  if (actor.roles.includes("secretariat")) out.push(t("common.account.role.secretariat"));
  return out.length > 0 ? out : [t("common.account.role.none")];
}

/** Every IANA zone this server knows, and the account's own even if it is an old alias. */
function timeZones(current: string | null): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  if (current) zones.add(current);
  return [...zones].sort();
}

export default async function AccountPage() {
  const actor = await requireActor("/account");
  const { t, locale } = await getT();
  const tokens = listTokens(actor);
  const notices = getNoticePreferences(actor);
  const feedKey = getFeedKey(actor);
  const myQuestions = listMyQuestions(actor).filter((q) => q.role !== "Secretariat");
  const [beforeHeader, afterHeader] = t("common.account.tokens.intro", { header: "\u0000" }).split("\u0000");

  return (
    <>
      <h1>{t("common.account.heading")}</h1>
      <dl className="facts card" data-testid="account">
        <dt>{t("common.account.name")}</dt>
        <dd>{actor.name}</dd>
        <dt>{t("common.account.email")}</dt>
        <dd>{actor.email}</dd>
        <dt>{t("common.account.phone")}</dt>
        <dd>{actor.phone ?? "—"}</dd>
        <dt>{t("common.account.organisation")}</dt>
        <dd>
          {actor.organisation
            ? t("common.account.organisationValue", {
                name: actor.organisation.name,
                country: actor.organisation.country,
                type: organisationTypeLabel(actor.organisation, t),
              })
            : t("common.account.organisationNone")}
        </dd>
        <dt>{t("common.account.roles")}</dt>
        <dd>
          <ul className="plain">
            {roles(actor, t).map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </dd>
      </dl>
      <p className="muted">{t("common.account.changeDetails")}</p>

      <section aria-labelledby="time-zone-heading">
        <h2 id="time-zone-heading">{t("common.account.timeZone.heading")}</h2>
        <TimeZoneForm current={actor.timeZone} zones={timeZones(actor.timeZone)} />
      </section>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t("auth.password.heading")}</h2>
        {passwordInUse(actor) ? (
          <>
            <p>{t("auth.password.intro")}</p>
            <ChangePasswordForm email={actor.email} minLength={MIN_PASSWORD_LENGTH} />
          </>
        ) : (
          <p data-testid="password-off">{t("sso.account.passwordOff")}</p>
        )}
      </section>

      <section aria-labelledby="notices-heading">
        <h2 id="notices-heading">{t("search.notices.heading")}</h2>
        <p>{actor.roles.includes("rapporteur") ? t("search.notices.introRapporteur") : t("search.notices.intro")}</p>
        <NoticesForm mode={notices.mode} digestHour={notices.digestHour} />
      </section>

      <section aria-labelledby="feed-heading">
        <h2 id="feed-heading">{t("search.feedKey.heading")}</h2>
        <p>{t("search.feedKey.intro")}</p>
        <p>
          <code>{"/api/v1/questions/Q3-20/feed.atom?key=…"}</code>
        </p>
        <p data-testid="feed-key-state">
          {feedKey ? (
            <>
              {t("search.feedKey.current", { prefix: feedKey.prefix, created: formatGeneva(feedKey.createdAt, { seconds: false, locale }) })}{" "}
              {feedKey.lastUsedAt ? t("search.feedKey.lastUsed", { time: formatGeneva(feedKey.lastUsedAt, { seconds: false, locale }) }) : t("search.feedKey.neverUsed")}
            </>
          ) : (
            t("search.feedKey.noKey")
          )}
        </p>
        <FeedKeyForms hasKey={feedKey !== null} feedPaths={myQuestions.map((q) => ({ code: q.code, path: `/api/v1/questions/${q.slug}/feed.atom` }))} />
      </section>

      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{t("common.account.tokens.heading")}</h2>
        <p>
          {beforeHeader}
          <code>Authorization: Bearer &lt;token&gt;</code>
          {afterHeader}
        </p>
        {tokens.length === 0 ? (
          <p className="muted" data-testid="no-tokens">
            {t("common.account.tokens.none")}
          </p>
        ) : (
          <DataTable
            className="stack-table"
            testId="tokens"
            columns={[
              t("common.account.tokens.label"), t("common.account.tokens.token"), t("common.account.tokens.created"), t("common.account.tokens.lastUsed"),
              t("common.account.tokens.status"), <span className="visually-hidden">{t("common.account.tokens.action")}</span>,
            ]}
          >
            {tokens.map((tk) => (
              <tr key={tk.id} data-testid="token-row">
                <td data-label={t("common.account.tokens.label")}>{tk.label}</td>
                <td data-label={t("common.account.tokens.token")}>
                  <code>{tk.prefix}…</code>
                </td>
                <td data-label={t("common.account.tokens.created")}>
                  <When at={tk.createdAt} locale={locale} seconds={false} />
                </td>
                <td data-label={t("common.account.tokens.lastUsed")}>
                  {tk.lastUsedAt ? <When at={tk.lastUsedAt} locale={locale} seconds={false} /> : t("common.account.tokens.never")}
                </td>
                <td data-label={t("common.account.tokens.status")}>
                  {tk.revokedAt ? (
                    <>
                      {t("common.account.tokens.revokedAt", { time: formatGeneva(tk.revokedAt, { seconds: false, locale }) })}
                      <div className="muted">
                        <LocalTime at={tk.revokedAt} />
                      </div>
                    </>
                  ) : (
                    t("common.account.tokens.active")
                  )}
                </td>
                <td data-label={tk.revokedAt ? undefined : t("common.account.tokens.action")}>
                  {tk.revokedAt ? null : <RevokeTokenButton id={tk.id} label={tk.label} />}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <h3 id="create-token-heading">{t("common.account.tokens.createHeading")}</h3>
        <CreateTokenForm />
      </section>
    </>
  );
}
