import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/app/_components/action-form";
import {
  ACCOUNT_LIST_LIMIT,
  ACCOUNT_ROLE_FILTERS,
  accountFormOptions,
  listAccounts,
  type AccountQuery,
  type AccountRoleFilter,
} from "@/lib/data/accounts";
import { MEMBER_TYPES } from "@/lib/domain";
import { requireActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { memberTypeLabel, organisationTypeLabel } from "@/lib/present/labels";
import { roleLinesText } from "./account-text";
import { createAccountAction, createOrganisationAction } from "./actions";
import { listPendingAccounts } from "@/lib/data/pending-accounts";
import { When } from "@/app/_components/when";
import { CardSection } from "@/app/_components/card-section";
import { OrganisationOptions } from "./organisation-options";
import { DataTable } from "@/app/_components/data-table";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("secretariat.accounts.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const ROLE_LABEL: Record<AccountRoleFilter, MessageKey> = {
  member: "secretariat.accounts.role.member",
  rapporteur: "secretariat.accounts.role.rapporteur",
  secretariat: "secretariat.accounts.role.secretariat",
  none: "secretariat.accounts.role.none",
};

function first(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
}

export default async function AccountsPage({ searchParams }: Props) {
  const actor = await requireActor("/secretariat/accounts");
  const raw = await searchParams;
  const q = first(raw.q).slice(0, 200);
  const roleText = first(raw.role);
  const role = (ACCOUNT_ROLE_FILTERS as readonly string[]).includes(roleText) ? (roleText as AccountRoleFilter) : undefined;
  const activeText = first(raw.active);
  const query: AccountQuery = { q: q || undefined, role, active: activeText === "1" ? true : activeText === "0" ? false : undefined };
  const result = listAccounts(actor, query);
  const options = accountFormOptions(actor);
  const pending = listPendingAccounts(actor);
  if (!result.ok || !options.ok || !pending.ok) notFound();
  const { rows, total } = result.value;
  const { organisations, ownGroups } = options.value;
  const filtered = Boolean(query.q || query.role || query.active !== undefined);
  const { t, locale } = await getT();
  // The link sits inside the sentence: split the translated sentence around it.
  const [beforeAuditLink, afterAuditLink] = t("secretariat.accounts.intro").split("{auditLog}");

  return (
    <>
      <h1>{t("secretariat.accounts.title")}</h1>
      <p>
        {beforeAuditLink}
        <Link href="/secretariat/audit?entity=user">{t("secretariat.accounts.introAuditLog")}</Link>
        {afterAuditLink}
      </p>

      {pending.value.length > 0 ? (
        <CardSection id="pending-h" heading={<>{t("sso.pending.heading")} ({pending.value.length})</>} testId="pending-accounts">
          <p>{t("sso.pending.intro")}</p>
          <DataTable
            className="stack-table"
            labelledBy="pending-h"
            columns={[t("secretariat.accounts.col.name"), t("secretariat.accounts.col.email"), t("sso.pending.requested")]}
          >
            {pending.value.map((p) => (
              <tr key={p.id}>
                <td data-label={t("secretariat.accounts.col.name")}>
                  <Link href={`/secretariat/accounts/${p.id}`}>{p.name}</Link>
                </td>
                <td data-label={t("secretariat.accounts.col.email")} className="break-all">
                  {p.email}
                </td>
                <td data-label={t("sso.pending.requested")}>
                  <When at={p.requestedAt} locale={locale} seconds={false} />
                </td>
              </tr>
            ))}
          </DataTable>
        </CardSection>
      ) : null}

      <form method="get" className="sec-filters card" aria-label={t("secretariat.accounts.searchLabel")}>
        <div className="wide">
          <label htmlFor="a-q">{t("secretariat.accounts.search")}</label>
          <p id="a-q-hint" className="hint">
            {t("secretariat.accounts.searchHint")}
          </p>
          <input id="a-q" name="q" type="search" defaultValue={q} maxLength={200} aria-describedby="a-q-hint" />
        </div>
        <div>
          <label htmlFor="a-role">{t("secretariat.accounts.role")}</label>
          <select id="a-role" name="role" defaultValue={role ?? ""}>
            <option value="">{t("secretariat.accounts.anyRole")}</option>
            {ACCOUNT_ROLE_FILTERS.map((r) => (
              <option key={r} value={r}>
                {t(ROLE_LABEL[r])}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="a-active">{t("secretariat.accounts.status")}</label>
          <select id="a-active" name="active" defaultValue={activeText === "1" || activeText === "0" ? activeText : ""}>
            <option value="">{t("secretariat.accounts.anyStatus")}</option>
            <option value="1">{t("secretariat.accounts.statusFilter.active")}</option>
            <option value="0">{t("secretariat.accounts.statusFilter.deactivated")}</option>
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            {t("secretariat.accounts.searchButton")}
          </button>
          {filtered ? <Link href="/secretariat/accounts">{t("secretariat.accounts.clear")}</Link> : null}
        </div>
      </form>

      <h2 id="accounts-h">{t(filtered ? "secretariat.accounts.countFound" : "secretariat.accounts.count", { count: total })}</h2>
      {total > rows.length ? <p className="notice">{t("secretariat.accounts.limited", { limit: ACCOUNT_LIST_LIMIT })}</p> : null}
      {rows.length === 0 ? (
        <p>{t("secretariat.accounts.noMatch")}</p>
      ) : (
        <DataTable
          className="stack-table"
          labelledBy="accounts-h"
          testId="accounts"
          columns={[
            t("secretariat.accounts.col.name"), t("secretariat.accounts.col.email"), t("secretariat.accounts.col.organisation"),
            t("secretariat.accounts.col.roles"), t("secretariat.accounts.col.status"),
          ]}
        >
          {rows.map((a) => {
            const roles = roleLinesText(a, t, { withMember: false });
            return (
              <tr key={a.id} data-testid="account-row">
                <td data-label={t("secretariat.accounts.col.name")}>
                  <Link href={`/secretariat/accounts/${a.id}`}>{a.name}</Link>
                </td>
                <td data-label={t("secretariat.accounts.col.email")} className="break-all">
                  {a.email}
                </td>
                <td data-label={t("secretariat.accounts.col.organisation")}>
                  {a.organisation ? (
                    <>
                      {a.organisation.name}
                      <div className="muted">
                        {t("secretariat.accounts.organisationLine", { type: organisationTypeLabel(a.organisation, t), country: a.organisation.country })}
                      </div>
                    </>
                  ) : (
                    <span className="muted">{t("secretariat.none")}</span>
                  )}
                </td>
                <td data-label={t("secretariat.accounts.col.roles")}>
                  {roles.length > 0 || a.organisation ? (
                    <ul className="plain">
                      {a.organisation ? <li>{t("secretariat.accounts.member")}</li> : null}
                      {roles.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">{t("secretariat.noRole")}</span>
                  )}
                </td>
                <td data-label={t("secretariat.accounts.col.status")}>
                  {a.active && a.pendingSince !== null ? (
                    <strong>{t("sso.pending.status")}</strong>
                  ) : a.active ? (
                    t("secretariat.active")
                  ) : (
                    <>
                      <strong>{t("secretariat.deactivated")}</strong>
                      {a.deactivatedAt !== null ? (
                        <div className="muted">
                          <When at={a.deactivatedAt} locale={locale} seconds={false} />
                        </div>
                      ) : null}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}

      <CardSection id="new-account-h" heading={t("secretariat.accounts.create.heading")}>
        <p>{t("secretariat.accounts.create.intro")}</p>
        <ActionForm
          action={createAccountAction}
          submitLabel={t("secretariat.accounts.create.submit")}
          label={t("secretariat.accounts.create.heading")}
          testId="create-account-form"
        >
          <div>
            <label htmlFor="n-email">{t("secretariat.accounts.create.email")}</label>
            <input id="n-email" name="email" type="email" autoComplete="off" required maxLength={320} />
          </div>
          <div>
            <label htmlFor="n-name">{t("secretariat.accounts.create.name")}</label>
            <input id="n-name" name="name" type="text" autoComplete="off" required maxLength={200} />
          </div>
          <div>
            <label htmlFor="n-org">{t("secretariat.accounts.create.organisation")}</label>
            <p id="n-org-hint" className="hint">
              {t("secretariat.accounts.create.organisationHint")}
            </p>
            <select id="n-org" name="organisation" defaultValue="" aria-describedby="n-org-hint">
              <option value="">{t("secretariat.none")}</option>
              <OrganisationOptions organisations={organisations} t={t} />
            </select>
          </div>
          <div>
            <label htmlFor="n-phone">{t("secretariat.accounts.create.phone")}</label>
            <input id="n-phone" name="phone" type="tel" autoComplete="off" maxLength={50} />
          </div>
        </ActionForm>
      </CardSection>

      <CardSection id="new-org-h" heading={t("secretariat.accounts.org.heading")}>
        <ActionForm
          action={createOrganisationAction}
          submitLabel={t("secretariat.accounts.org.submit")}
          label={t("secretariat.accounts.org.heading")}
          testId="create-organisation-form"
        >
          <div>
            <label htmlFor="o-name">{t("secretariat.accounts.org.name")}</label>
            <input id="o-name" name="name" type="text" required maxLength={200} />
          </div>
          <div>
            <label htmlFor="o-country">{t("secretariat.accounts.org.country")}</label>
            <input id="o-country" name="country" type="text" required maxLength={100} />
          </div>
          <div>
            <label htmlFor="o-type">{t("secretariat.accounts.org.memberType")}</label>
            <select id="o-type" name="memberType" required defaultValue="">
              <option value="" disabled>
                {t("secretariat.choose")}
              </option>
              {MEMBER_TYPES.map((type) => (
                <option key={type} value={type}>
                  {memberTypeLabel(type, t)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="o-group">{t("secretariat.accounts.org.associateGroup")}</label>
            <p id="o-group-hint" className="hint">
              {t("secretariat.accounts.org.associateGroupHint")}
            </p>
            <select id="o-group" name="associateStudyGroup" defaultValue="" aria-describedby="o-group-hint">
              <option value="">{t("secretariat.accounts.org.notAssociate")}</option>
              {ownGroups.map((g) => (
                <option key={g.id} value={g.code}>
                  {g.code}: {g.title}
                </option>
              ))}
            </select>
          </div>
        </ActionForm>
      </CardSection>
    </>
  );
}
