import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionForm } from "@/app/_components/action-form";
import { listMeetings } from "@/lib/data/meetings";
import { requireActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import { hasPermission } from "@/lib/auth/permissions";
import { createMeetingAction } from "../actions";
import { MeetingFields, type MeetingFieldValues } from "@/app/_components/meeting-fields";

/** What a new meeting's form proposes before anything is typed. */
const NEW_MEETING: MeetingFieldValues = { mode: "virtual", location: "Geneva, Switzerland", timeZone: "Europe/Zurich" };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("secretariat.newMeeting.title") };
}

export default async function NewMeetingPage() {
  const actor = await requireActor("/secretariat/meetings/new");
  if (!hasPermission(actor, "meeting.manage")) notFound();
  const managed = listMeetings(actor).filter((m) => m.canManage);
  const groups = [...new Map(managed.map((m) => [m.studyGroup.code, m.studyGroup])).values()];
  const periods = [...new Map(managed.map((m) => [m.studyPeriod.code, m.studyPeriod])).values()];
  const { t } = await getT();
  return (
    <>
      <h1>{t("secretariat.newMeeting.title")}</h1>
      <p>{t("secretariat.newMeeting.intro")}</p>
      <ActionForm
        action={createMeetingAction}
        submitLabel={t("secretariat.newMeeting.submit")}
        label={t("secretariat.newMeeting.formLabel")}
        testId="new-meeting-form"
      >
        <div>
          <label htmlFor="n-code">{t("secretariat.newMeeting.code")}</label>
          <input id="n-code" name="code" type="text" required placeholder="SG20-2021-01" />
        </div>
        <div>
          <label htmlFor="n-title">{t("secretariat.meetingForm.title")}</label>
          <input id="n-title" name="title" type="text" required />
        </div>
        <div>
          <label htmlFor="n-group">{t("secretariat.newMeeting.studyGroup")}</label>
          <select id="n-group" name="studyGroupCode">
            {groups.map((g) => (
              <option key={g.code} value={g.code}>
                {g.code}: {g.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="n-period">{t("secretariat.newMeeting.studyPeriod")}</label>
          <select id="n-period" name="studyPeriodCode">
            {periods.map((p) => (
              <option key={p.code} value={p.code}>
                {p.label} ({p.code})
              </option>
            ))}
          </select>
        </div>
        <MeetingFields idPrefix="n" values={NEW_MEETING} t={t} />
        <div>
          <label htmlFor="n-deadline">{t("secretariat.newMeeting.deadline")}</label>
          <input id="n-deadline" name="deadline" type="datetime-local" step="1" />
        </div>
        <div>
          <label htmlFor="n-reference">{t("secretariat.meetingForm.reference")}</label>
          <input id="n-reference" name="reference" type="text" required placeholder={t("secretariat.newMeeting.referencePlaceholder")} />
        </div>
      </ActionForm>
    </>
  );
}
