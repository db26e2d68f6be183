"use server";
// The secretariat creates a meeting of its group; the deadline defaults to the rule unless set.
import { formFailure, formIssues } from "@/lib/present/failures";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/app/_components/action-form";
import { MEETING_MODES } from "@/lib/domain";
import { createMeeting } from "@/lib/data/meeting-admin";
import { getActor } from "@/lib/auth/session";
import { parseGenevaLocalInput } from "@/lib/time/geneva";
import { getT } from "@/lib/i18n/server";

const form = z.object({
  code: z.string().trim().toUpperCase(),
  title: z.string().trim(),
  studyGroupCode: z.string().trim(),
  studyPeriodCode: z.string().trim(),
  mode: z.enum(MEETING_MODES),
  location: z.string().trim(),
  firstDay: z.string(),
  lastDay: z.string(),
  timeZone: z.string().trim(),
  deadline: z.string().optional(),
  reference: z.string().trim(),
});

export async function createMeetingAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const parsed = form.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formIssues(parsed.error, locale);
  const actor = await getActor();
  if (!actor) return { error: t("secretariat.sessionEnded") };
  let deadline: number | null = null;
  if (parsed.data.deadline) {
    deadline = parseGenevaLocalInput(parsed.data.deadline);
    if (deadline === null) return { error: t("secretariat.newMeeting.deadlineInvalid") };
  }
  const result = createMeeting(actor, { ...parsed.data, deadline });
  if (!result.ok) return formFailure(result, locale);
  redirect(`/meetings/${result.value.code}`);
}
