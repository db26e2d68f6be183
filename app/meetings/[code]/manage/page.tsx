import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/app/_components/action-form";
import { listExtensions } from "@/lib/data/extensions";
import { getMeeting } from "@/lib/data/meetings";
import { listOrganisations } from "@/lib/data/organisations";
import { requireActor } from "@/lib/data/session";
import { formatGeneva, toGenevaLocalInput } from "@/lib/geneva-time";
import { MEMBER_TYPE_LABEL } from "@/lib/permissions";
import { addSessionAction, grantExtensionAction, removeSessionAction, revokeExtensionAction, updateMeetingAction } from "../actions";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Manage ${(await params).code}` };
}

export default async function ManageMeetingPage({ params }: Props) {
  const { code } = await params;
  const actor = await requireActor(`/meetings/${code}/manage`);
  const found = getMeeting(actor, code);
  if (!found.ok || !found.value.canManage) notFound();
  const m = found.value;
  const exts = listExtensions(actor, code);
  const orgs = listOrganisations(actor);
  return (
    <>
      <h1>Manage {m.code}</h1>
      <p>
        <Link href={`/meetings/${code}`}>Meeting page and history</Link> · <Link href={`/meetings/${code}/late-report`}>Late-submission report</Link> ·{" "}
        <Link href="/secretariat/meetings/new">Create another meeting</Link>
      </p>

      <section aria-labelledby="facts-h" className="card">
        <h2 id="facts-h" style={{ marginTop: 0 }}>
          Meeting facts and deadline
        </h2>
        <p>
          Current deadline: <strong>{formatGeneva(m.deadlineAt, { seconds: false })}</strong> Geneva time (first late instant;{" "}
          {m.deadlineRule === "default" ? "the default rule: end of the day 13 days before the first day" : "set by the secretariat"}). Every change needs a
          reason and a reference and is kept in the meeting&apos;s history; lateness is re-judged everywhere at once.
        </p>
        <ActionForm action={updateMeetingAction.bind(null, code)} submitLabel="Save changes" label="Change the meeting" testId="meeting-form">
          <div>
            <label htmlFor="m-title">Title</label>
            <input id="m-title" name="title" type="text" defaultValue={m.title} required />
          </div>
          <div>
            <label htmlFor="m-mode">Mode</label>
            <select id="m-mode" name="mode" defaultValue={m.mode}>
              <option value="physical">Physical</option>
              <option value="virtual">Fully virtual</option>
              <option value="hybrid">Hybrid</option>
            </select>
          </div>
          <div>
            <label htmlFor="m-location">Location</label>
            <input id="m-location" name="location" type="text" defaultValue={m.location} />
          </div>
          <div>
            <label htmlFor="m-first">First day</label>
            <input id="m-first" name="firstDay" type="date" defaultValue={m.firstDay} required />
          </div>
          <div>
            <label htmlFor="m-last">Last day</label>
            <input id="m-last" name="lastDay" type="date" defaultValue={m.lastDay} required />
          </div>
          <div>
            <label htmlFor="m-tz">Time zone of the venue</label>
            <input id="m-tz" name="timeZone" type="text" defaultValue={m.timeZone} required />
          </div>
          <fieldset>
            <legend>Deadline</legend>
            <label style={{ fontWeight: 400 }}>
              <input type="radio" name="deadlineMode" value="keep" defaultChecked /> Keep as it is
            </label>
            <label style={{ fontWeight: 400 }}>
              <input type="radio" name="deadlineMode" value="default" /> Use the default rule (follows the first day)
            </label>
            <label style={{ fontWeight: 400 }}>
              <input type="radio" name="deadlineMode" value="override" /> Set it to this first late instant (Geneva time):
            </label>
            <label htmlFor="m-deadline" className="visually-hidden">
              New deadline (Geneva time)
            </label>
            <input id="m-deadline" name="deadline" type="datetime-local" step="1" defaultValue={toGenevaLocalInput(m.deadlineAt)} />
          </fieldset>
          <div>
            <label htmlFor="m-reason">Reason for the change</label>
            <textarea id="m-reason" name="reason" required rows={2} />
          </div>
          <div>
            <label htmlFor="m-reference">Reference</label>
            <input id="m-reference" name="reference" type="text" required placeholder="Corrigendum 2 to Collective letter 8/20" />
          </div>
        </ActionForm>
      </section>

      <section aria-labelledby="ext-h" className="card">
        <h2 id="ext-h" style={{ marginTop: 0 }}>
          Extensions
        </h2>
        <p>Submissions inside an extension are admitted at once, but still carry the LATE mark.</p>
        {exts.ok && exts.value.length > 0 ? (
          <ul data-testid="extension-list">
            {exts.value.map((e) => (
              <li key={e.id}>
                <strong>{e.organisationName ?? `${e.userName} (${e.userEmail})`}</strong> until {formatGeneva(e.untilAt, { seconds: false })} — {e.reason}
                {e.revokedAt ? (
                  <span className="muted"> (revoked {formatGeneva(e.revokedAt, { seconds: false })})</span>
                ) : (
                  <ActionForm action={revokeExtensionAction.bind(null, code)} submitLabel="Revoke" className="inline-form" label={`Revoke extension ${e.id}`}>
                    <input type="hidden" name="extensionId" value={e.id} />
                    <label htmlFor={`revoke-${e.id}`} className="visually-hidden">
                      Reason for revoking
                    </label>
                    <input id={`revoke-${e.id}`} name="reason" type="text" placeholder="Reason for revoking" />
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>No extension so far.</p>
        )}
        <ActionForm action={grantExtensionAction.bind(null, code)} submitLabel="Grant extension" label="Grant an extension" testId="extension-form">
          <div>
            <label htmlFor="x-org">Organisation</label>
            <select id="x-org" name="organisation" defaultValue="">
              <option value="">— or name a member below —</option>
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} ({MEMBER_TYPE_LABEL[o.memberType]}, {o.country})
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="x-user">Member&apos;s e-mail</label>
            <input id="x-user" name="user" type="email" />
          </div>
          <div>
            <label htmlFor="x-until">Until (Geneva time)</label>
            <input id="x-until" name="until" type="datetime-local" step="1" required />
          </div>
          <div>
            <label htmlFor="x-reason">Reason for the extension</label>
            <textarea id="x-reason" name="reason" required rows={2} />
          </div>
        </ActionForm>
      </section>

      <section aria-labelledby="sessions-h" className="card">
        <h2 id="sessions-h" style={{ marginTop: 0 }}>
          Related sessions
        </h2>
        <ul>
          {m.sessions.map((s) => (
            <li key={s.id}>
              {s.title}: {formatGeneva(s.startsAt, { seconds: false })} – {formatGeneva(s.endsAt, { seconds: false, weekday: false })}
              <ActionForm action={removeSessionAction.bind(null, code)} submitLabel="Remove" className="inline-form" label={`Remove session ${s.title}`}>
                <input type="hidden" name="sessionId" value={s.id} />
              </ActionForm>
            </li>
          ))}
        </ul>
        <ActionForm action={addSessionAction.bind(null, code)} submitLabel="Add session" label="Add a related session">
          <div>
            <label htmlFor="s-title">Session title</label>
            <input id="s-title" name="title" type="text" required />
          </div>
          <div>
            <label htmlFor="s-kind">Kind</label>
            <select id="s-kind" name="kind" defaultValue="other">
              <option value="e_meeting">E-meeting</option>
              <option value="newcomers">Newcomers&apos; session</option>
              <option value="jca">JCA meeting</option>
              <option value="webinar">Webinar</option>
              <option value="other">Other</option>
            </select>
          </div>
          <div>
            <label htmlFor="s-start">Starts (Geneva time)</label>
            <input id="s-start" name="startsAt" type="datetime-local" required />
          </div>
          <div>
            <label htmlFor="s-end">Ends (Geneva time)</label>
            <input id="s-end" name="endsAt" type="datetime-local" required />
          </div>
          <label style={{ fontWeight: 400 }}>
            <input type="checkbox" name="registrationRequired" /> Registration is mandatory
          </label>
        </ActionForm>
      </section>
    </>
  );
}
