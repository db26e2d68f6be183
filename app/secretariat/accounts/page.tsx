import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/app/_components/action-form";
import {
  ACCOUNT_LIST_LIMIT,
  ACCOUNT_ROLE_FILTERS,
  accountFormOptions,
  listAccounts,
  MEMBER_TYPES,
  roleLines,
  type AccountQuery,
  type AccountRoleFilter,
} from "@/lib/data/accounts";
import { requireActor } from "@/lib/data/session";
import { formatGeneva } from "@/lib/geneva-time";
import { MEMBER_TYPE_LABEL } from "@/lib/permissions";
import { createAccountAction, createOrganisationAction } from "./actions";

export const metadata: Metadata = { title: "Accounts" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const ROLE_LABEL: Record<AccountRoleFilter, string> = {
  member: "Members (delegates)",
  rapporteur: "Rapporteurs",
  secretariat: "Secretariat",
  none: "No role",
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
  if (!result.ok || !options.ok) notFound();
  const { rows, total } = result.value;
  const { organisations, ownGroups } = options.value;
  const filtered = Boolean(query.q || query.role || query.active !== undefined);

  return (
    <>
      <h1>Accounts</h1>
      <p>
        Delegates, rapporteurs and the secretariat. Changes to accounts and roles are kept in the <Link href="/secretariat/audit?entity=user">audit log</Link>.
      </p>

      <form method="get" className="sec-filters card" aria-label="Search accounts">
        <div className="wide">
          <label htmlFor="a-q">Search</label>
          <p id="a-q-hint" className="hint">
            Part of a name, an e-mail address or an organisation
          </p>
          <input id="a-q" name="q" type="search" defaultValue={q} maxLength={200} aria-describedby="a-q-hint" />
        </div>
        <div>
          <label htmlFor="a-role">Role</label>
          <select id="a-role" name="role" defaultValue={role ?? ""}>
            <option value="">Any</option>
            {ACCOUNT_ROLE_FILTERS.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="a-active">Status</label>
          <select id="a-active" name="active" defaultValue={activeText === "1" || activeText === "0" ? activeText : ""}>
            <option value="">Any</option>
            <option value="1">Active</option>
            <option value="0">Deactivated</option>
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            Search
          </button>
          {filtered ? <Link href="/secretariat/accounts">Clear</Link> : null}
        </div>
      </form>

      <h2 id="accounts-h">
        {total} account{total === 1 ? "" : "s"}
        {filtered ? " found" : ""}
      </h2>
      {total > rows.length ? (
        <p className="notice">
          Only the first {ACCOUNT_LIST_LIMIT} are listed; narrow the search to see the others.
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p>No account matches.</p>
      ) : (
        <div className="table-wrap">
          <table className="stack-table" aria-labelledby="accounts-h" data-testid="accounts">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Organisation</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => {
                const roles = roleLines(a).filter((line) => !line.startsWith("Member: "));
                return (
                  <tr key={a.id} data-testid="account-row">
                    <td data-label="Name">
                      <Link href={`/secretariat/accounts/${a.id}`}>{a.name}</Link>
                    </td>
                    <td data-label="E-mail" className="break-all">
                      {a.email}
                    </td>
                    <td data-label="Organisation">
                      {a.organisation ? (
                        <>
                          {a.organisation.name}
                          <div className="muted">
                            {MEMBER_TYPE_LABEL[a.organisation.memberType]}
                            {a.organisation.associateStudyGroupCode ? ` of ${a.organisation.associateStudyGroupCode}` : ""}, {a.organisation.country}
                          </div>
                        </>
                      ) : (
                        <span className="muted">None</span>
                      )}
                    </td>
                    <td data-label="Roles">
                      {roles.length > 0 || a.organisation ? (
                        <ul className="plain">
                          {a.organisation ? <li>Member</li> : null}
                          {roles.map((r) => (
                            <li key={r}>{r}</li>
                          ))}
                        </ul>
                      ) : (
                        <span className="muted">No role</span>
                      )}
                    </td>
                    <td data-label="Status">
                      {a.active ? (
                        "Active"
                      ) : (
                        <>
                          <strong>Deactivated</strong>
                          {a.deactivatedAt !== null ? <div className="muted">{formatGeneva(a.deactivatedAt, { seconds: false })}</div> : null}
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <section aria-labelledby="new-account-h" className="card">
        <h2 id="new-account-h" style={{ marginTop: 0 }}>
          Create an account
        </h2>
        <p>
          The new account has no password: it receives a one-time link, valid 48 hours, to choose one. The link is e-mailed to the person and shown here so
          that you can pass it on.
        </p>
        <ActionForm action={createAccountAction} submitLabel="Create account" label="Create an account" testId="create-account-form">
          <div>
            <label htmlFor="n-email">E-mail</label>
            <input id="n-email" name="email" type="email" autoComplete="off" required maxLength={320} />
          </div>
          <div>
            <label htmlFor="n-name">Name</label>
            <input id="n-name" name="name" type="text" autoComplete="off" required maxLength={200} />
          </div>
          <div>
            <label htmlFor="n-org">Organisation</label>
            <p id="n-org-hint" className="hint">
              Delegates belong to a member organisation; leave it empty for a rapporteur or secretariat account without one.
            </p>
            <select id="n-org" name="organisation" defaultValue="" aria-describedby="n-org-hint">
              <option value="">None</option>
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} ({MEMBER_TYPE_LABEL[o.memberType]}
                  {o.associateStudyGroupCode ? ` of ${o.associateStudyGroupCode}` : ""}, {o.country})
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="n-phone">Telephone (optional)</label>
            <input id="n-phone" name="phone" type="tel" autoComplete="off" maxLength={50} />
          </div>
        </ActionForm>
      </section>

      <section aria-labelledby="new-org-h" className="card">
        <h2 id="new-org-h" style={{ marginTop: 0 }}>
          Create an organisation
        </h2>
        <ActionForm action={createOrganisationAction} submitLabel="Create organisation" label="Create an organisation" testId="create-organisation-form">
          <div>
            <label htmlFor="o-name">Organisation name</label>
            <input id="o-name" name="name" type="text" required maxLength={200} />
          </div>
          <div>
            <label htmlFor="o-country">Country</label>
            <input id="o-country" name="country" type="text" required maxLength={100} />
          </div>
          <div>
            <label htmlFor="o-type">Kind of member</label>
            <select id="o-type" name="memberType" required defaultValue="">
              <option value="" disabled>
                Choose…
              </option>
              {MEMBER_TYPES.map((t) => (
                <option key={t} value={t}>
                  {MEMBER_TYPE_LABEL[t]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="o-group">Study group of an Associate</label>
            <p id="o-group-hint" className="hint">
              An Associate takes part in one study group and may contribute to it only. Leave empty for other members.
            </p>
            <select id="o-group" name="associateStudyGroup" defaultValue="" aria-describedby="o-group-hint">
              <option value="">Not an Associate</option>
              {ownGroups.map((g) => (
                <option key={g.id} value={g.code}>
                  {g.code}: {g.title}
                </option>
              ))}
            </select>
          </div>
        </ActionForm>
      </section>
    </>
  );
}
