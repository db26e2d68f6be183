import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/app/_components/action-form";
import { getAccount, PASSWORD_LINK_TTL_MS, RAPPORTEUR_KIND_LABEL, RAPPORTEUR_KINDS, roleLines } from "@/lib/data/accounts";
import { requireActor } from "@/lib/data/session";
import { formatGeneva } from "@/lib/geneva-time";
import { MEMBER_TYPE_LABEL } from "@/lib/permissions";
import { now } from "@/lib/clock";
import { sendPasswordLinkAction, setAccountActiveAction, setRapporteurAction, setSecretariatAction } from "../actions";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Account" };

function linkState(l: { createdAt: number; expiresAt: number; usedAt: number | null }, at: number): string {
  if (l.usedAt !== null) return `used ${formatGeneva(l.usedAt, { seconds: false })}`;
  // Closed before its time: another link was used, or the account was deactivated.
  if (l.expiresAt <= at && l.expiresAt < l.createdAt + PASSWORD_LINK_TTL_MS) return `closed ${formatGeneva(l.expiresAt, { seconds: false })}`;
  if (l.expiresAt <= at) return `expired ${formatGeneva(l.expiresAt, { seconds: false })}`;
  return `open until ${formatGeneva(l.expiresAt, { seconds: false })}`;
}

export default async function AccountPage({ params }: Props) {
  const { id } = await params;
  const actor = await requireActor(`/secretariat/accounts/${id}`);
  const userId = /^\d{1,9}$/.test(id) ? Number(id) : NaN;
  const found = getAccount(actor, userId);
  if (!found.ok) notFound();
  const { account: a, passwordLinks, assignableQuestions, ownGroups } = found.value;
  const roles = roleLines(a);
  const at = now();

  return (
    <>
      <p className="no-print">
        <Link href="/secretariat/accounts">All accounts</Link> ·{" "}
        <Link href={`/secretariat/audit?entity=user&entityId=${a.id}`}>Audit log of this account</Link>
      </p>
      <h1>{a.name}</h1>
      {!a.active ? (
        <p className="notice strong" role="status">
          This account is deactivated{a.deactivatedAt !== null ? ` since ${formatGeneva(a.deactivatedAt, { seconds: false })}` : ""}: it cannot sign in, and its
          API tokens do not work.
        </p>
      ) : null}
      <dl className="facts card" data-testid="account-facts">
        <dt>E-mail</dt>
        <dd>{a.email}</dd>
        <dt>Telephone</dt>
        <dd>{a.phone ?? "—"}</dd>
        <dt>Organisation</dt>
        <dd>
          {a.organisation
            ? `${a.organisation.name}, ${a.organisation.country} (${MEMBER_TYPE_LABEL[a.organisation.memberType]}${
                a.organisation.associateStudyGroupCode ? ` of ${a.organisation.associateStudyGroupCode}` : ""
              })`
            : "None"}
        </dd>
        <dt>Roles</dt>
        <dd>
          {roles.length > 0 ? (
            <ul className="plain" data-testid="account-roles">
              {roles.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : (
            "No role"
          )}
        </dd>
        <dt>Status</dt>
        <dd>{a.active ? "Active" : "Deactivated"}</dd>
        <dt>Created</dt>
        <dd>{formatGeneva(a.createdAt, { seconds: false })}</dd>
      </dl>

      <section aria-labelledby="rapporteur-h" className="card">
        <h2 id="rapporteur-h" style={{ marginTop: 0 }}>
          Rapporteur roles
        </h2>
        <p>A rapporteur reviews the contributions to their Questions. Choose &ldquo;Not a rapporteur&rdquo; to remove the role.</p>
        <ActionForm action={setRapporteurAction.bind(null, a.id)} submitLabel="Save rapporteur" label="Set a rapporteur role" testId="rapporteur-form">
          <div>
            <label htmlFor="r-question">Question</label>
            <select id="r-question" name="question" required defaultValue="">
              <option value="" disabled>
                Choose…
              </option>
              {assignableQuestions.map((q) => (
                <option key={q.id} value={q.code}>
                  {q.code}: {q.title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="r-kind">Role</label>
            <select id="r-kind" name="kind" defaultValue="rapporteur">
              {RAPPORTEUR_KINDS.map((k) => (
                <option key={k} value={k}>
                  {RAPPORTEUR_KIND_LABEL[k]}
                </option>
              ))}
              <option value="none">Not a rapporteur (remove)</option>
            </select>
          </div>
        </ActionForm>
      </section>

      <section aria-labelledby="secretariat-h" className="card">
        <h2 id="secretariat-h" style={{ marginTop: 0 }}>
          Secretariat
        </h2>
        <p>The secretariat manages the group&apos;s meetings, deadlines, late requests, accounts and the audit log.</p>
        <ul className="plain">
          {ownGroups.map((g) => {
            const on = a.secretariatOf.some((s) => s.studyGroupId === g.id);
            return (
              <li key={g.id}>
                <strong>{g.code}</strong>: {on ? "in the secretariat" : "not in the secretariat"}
                {on && a.isSelf ? (
                  <span className="muted"> (you cannot remove yourself)</span>
                ) : (
                  <ActionForm
                    action={setSecretariatAction.bind(null, a.id)}
                    submitLabel={on ? `Remove from the secretariat of ${g.code}` : `Add to the secretariat of ${g.code}`}
                    className="inline-form"
                    label={`Secretariat of ${g.code}`}
                  >
                    <input type="hidden" name="group" value={g.code} />
                    <input type="hidden" name="on" value={on ? "0" : "1"} />
                  </ActionForm>
                )}
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="password-h" className="card">
        <h2 id="password-h" style={{ marginTop: 0 }}>
          Password
        </h2>
        <p>
          A one-time link lets the person choose a new password. It works once, for 48 hours, and is e-mailed to {a.email}; it is also shown here so that you
          can pass it on.
        </p>
        {passwordLinks.length > 0 ? (
          <>
            <h3 id="links-h">Recent links</h3>
            <ul aria-labelledby="links-h">
              {passwordLinks.map((l) => (
                <li key={l.id}>
                  Created {formatGeneva(l.createdAt, { seconds: false })}
                  {l.createdBy ? ` by ${l.createdBy}` : ""}: {linkState(l, at)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {!a.manageable ? (
          <p className="muted">This account holds roles in other study groups: only their secretariat can send it a password link.</p>
        ) : !a.active ? (
          <p className="muted">Reactivate the account before sending a password link.</p>
        ) : (
          <ActionForm action={sendPasswordLinkAction.bind(null, a.id)} submitLabel="Send a password link" label="Send a password link" testId="password-link-form">
            {null}
          </ActionForm>
        )}
      </section>

      <section aria-labelledby="status-h" className="card">
        <h2 id="status-h" style={{ marginTop: 0 }}>
          {a.active ? "Deactivate the account" : "Reactivate the account"}
        </h2>
        {a.isSelf ? (
          <p className="muted">You cannot deactivate your own account; ask a colleague of the secretariat.</p>
        ) : !a.manageable ? (
          <p className="muted">This account holds roles in other study groups: only their secretariat can change its status.</p>
        ) : (
          <>
            <p>
              {a.active
                ? "A deactivated account can no longer sign in; its open sessions and API tokens stop working at once. Nothing it submitted is removed."
                : "The account will be able to sign in again with its password; its roles are kept."}
            </p>
            <ActionForm
              action={setAccountActiveAction.bind(null, a.id, !a.active)}
              submitLabel={a.active ? "Deactivate account" : "Reactivate account"}
              label={a.active ? "Deactivate the account" : "Reactivate the account"}
              testId="account-status-form"
            >
              <div>
                <label htmlFor="s-reason">Reason</label>
                <textarea id="s-reason" name="reason" required minLength={3} rows={2} />
              </div>
            </ActionForm>
          </>
        )}
      </section>
    </>
  );
}
