import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionForm } from "@/app/_components/action-form";
import { listMeetings } from "@/lib/data/meetings";
import { requireActor } from "@/lib/data/session";
import { hasPermission } from "@/lib/permissions";
import { createMeetingAction } from "../actions";

export const metadata: Metadata = { title: "New meeting" };

export default async function NewMeetingPage() {
  const actor = await requireActor("/secretariat/meetings/new");
  if (!hasPermission(actor, "meeting.manage")) notFound();
  const managed = listMeetings(actor).filter((m) => m.canManage);
  const groups = [...new Map(managed.map((m) => [m.studyGroup.code, m.studyGroup])).values()];
  const periods = [...new Map(managed.map((m) => [m.studyPeriod.code, m.studyPeriod])).values()];
  return (
    <>
      <h1>New meeting</h1>
      <p>
        The contribution deadline defaults to the end of the day 13 days before the first day, Geneva time (the rule of ITU-T collective letters). Set it
        only when the collective letter says otherwise.
      </p>
      <ActionForm action={createMeetingAction} submitLabel="Create meeting" label="Create a meeting" testId="new-meeting-form">
        <div>
          <label htmlFor="n-code">Code</label>
          <input id="n-code" name="code" type="text" required placeholder="SG20-2021-01" />
        </div>
        <div>
          <label htmlFor="n-title">Title</label>
          <input id="n-title" name="title" type="text" required />
        </div>
        <div>
          <label htmlFor="n-group">Study group</label>
          <select id="n-group" name="studyGroupCode">
            {groups.map((g) => (
              <option key={g.code} value={g.code}>
                {g.code}: {g.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="n-period">Study period</label>
          <select id="n-period" name="studyPeriodCode">
            {periods.map((p) => (
              <option key={p.code} value={p.code}>
                {p.label} ({p.code})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="n-mode">Mode</label>
          <select id="n-mode" name="mode" defaultValue="virtual">
            <option value="physical">Physical</option>
            <option value="virtual">Fully virtual</option>
            <option value="hybrid">Hybrid</option>
          </select>
        </div>
        <div>
          <label htmlFor="n-location">Location</label>
          <input id="n-location" name="location" type="text" defaultValue="Geneva, Switzerland" />
        </div>
        <div>
          <label htmlFor="n-first">First day</label>
          <input id="n-first" name="firstDay" type="date" required />
        </div>
        <div>
          <label htmlFor="n-last">Last day</label>
          <input id="n-last" name="lastDay" type="date" required />
        </div>
        <div>
          <label htmlFor="n-tz">Time zone of the venue</label>
          <input id="n-tz" name="timeZone" type="text" defaultValue="Europe/Zurich" required />
        </div>
        <div>
          <label htmlFor="n-deadline">Deadline, first late instant (Geneva time; empty for the default rule)</label>
          <input id="n-deadline" name="deadline" type="datetime-local" step="1" />
        </div>
        <div>
          <label htmlFor="n-reference">Reference</label>
          <input id="n-reference" name="reference" type="text" required placeholder="Collective letter 1/20" />
        </div>
      </ActionForm>
    </>
  );
}
