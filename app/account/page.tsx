import type { Metadata } from "next";
import { requireActor } from "@/lib/data/session";
import { listTokens } from "@/lib/data/tokens";
import { formatGeneva } from "@/lib/geneva-time";
import { MEMBER_TYPE_LABEL, type Actor } from "@/lib/permissions";
import { LocalTime } from "@/app/_components/local-time";
import { CreateTokenForm, RevokeTokenButton } from "./token-forms";

export const metadata: Metadata = { title: "Account" };

function roles(actor: Actor): string[] {
  const out: string[] = [];
  if (actor.roles.includes("member") && actor.organisation) {
    out.push(`Member: delegate of ${actor.organisation.name} (${MEMBER_TYPE_LABEL[actor.organisation.memberType]})`);
  }
  if (actor.roles.includes("rapporteur")) {
    const n = actor.rapporteurQuestionIds.length;
    out.push(`Rapporteur of ${n} Question${n === 1 ? "" : "s"}`);
  }
  if (actor.roles.includes("secretariat")) out.push("Secretariat (TSB)");
  return out.length > 0 ? out : ["No role yet: ask the secretariat"];
}

function When({ at }: { at: number }) {
  return (
    <>
      {formatGeneva(at, { seconds: false })}
      <div className="muted">
        <LocalTime at={at} />
      </div>
    </>
  );
}

export default async function AccountPage() {
  const actor = await requireActor("/account");
  const tokens = listTokens(actor);

  return (
    <>
      <h1>Your account</h1>
      <dl className="facts card" data-testid="account">
        <dt>Name</dt>
        <dd>{actor.name}</dd>
        <dt>E-mail</dt>
        <dd>{actor.email}</dd>
        <dt>Telephone</dt>
        <dd>{actor.phone ?? "—"}</dd>
        <dt>Organisation</dt>
        <dd>
          {actor.organisation
            ? `${actor.organisation.name}, ${actor.organisation.country} (${MEMBER_TYPE_LABEL[actor.organisation.memberType]}${
                actor.organisation.associateStudyGroupCode ? ` of ${actor.organisation.associateStudyGroupCode}` : ""
              })`
            : "None"}
        </dd>
        <dt>Roles</dt>
        <dd>
          <ul className="plain">
            {roles(actor).map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </dd>
      </dl>
      <p className="muted">To change these details, write to the secretariat of your study group.</p>

      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">API tokens</h2>
        <p>
          A script can upload contributions for you with a token, sent as <code>Authorization: Bearer &lt;token&gt;</code>. It acts with
          your rights until you revoke it.
        </p>
        {tokens.length === 0 ? (
          <p className="muted" data-testid="no-tokens">
            You have no token.
          </p>
        ) : (
          <div className="table-wrap">
            <table className="stack-table" data-testid="tokens">
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  <th scope="col">Token</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id} data-testid="token-row">
                    <td data-label="Label">{t.label}</td>
                    <td data-label="Token">
                      <code>{t.prefix}…</code>
                    </td>
                    <td data-label="Created">
                      <When at={t.createdAt} />
                    </td>
                    <td data-label="Last used">{t.lastUsedAt ? <When at={t.lastUsedAt} /> : "Never"}</td>
                    <td data-label="Status">
                      {t.revokedAt ? (
                        <>
                          Revoked {formatGeneva(t.revokedAt, { seconds: false })}
                          <div className="muted">
                            <LocalTime at={t.revokedAt} />
                          </div>
                        </>
                      ) : (
                        "Active"
                      )}
                    </td>
                    <td data-label={t.revokedAt ? undefined : "Action"}>{t.revokedAt ? null : <RevokeTokenButton id={t.id} label={t.label} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3 id="create-token-heading">Create a token</h3>
        <CreateTokenForm />
      </section>
    </>
  );
}
