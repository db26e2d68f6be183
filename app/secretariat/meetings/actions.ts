"use server";
// The secretariat creates a meeting of its group; the deadline defaults to the rule unless set.
import { formFailure } from "@/lib/present/failures";
import { redirect } from "next/navigation";
import type { ActionState } from "@/app/_components/action-form";
import { createMeeting } from "@/lib/data/meeting-admin";
import { getActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { formText, genevaFieldInstant, parseFormBody } from "@/lib/validation/forms";
import { newMeetingBody } from "@/lib/validation/secretariat";

/** The new-meeting form → the new meeting's body: an empty deadline is the rule's, one given is a Geneva time. */
function newMeetingFromForm(formData: FormData) {
  const deadline = genevaFieldInstant(formData, "deadline");
  const unreadable: Record<string, MessageKey> = deadline === null ? { deadline: "secretariat.newMeeting.deadlineInvalid" } : {};
  const text = (name: string) => formText(formData, name);
  const body = {
    code: text("code"),
    title: text("title"),
    studyGroupCode: text("studyGroupCode"),
    studyPeriodCode: text("studyPeriodCode"),
    mode: text("mode"),
    location: text("location"),
    firstDay: text("firstDay"),
    lastDay: text("lastDay"),
    timeZone: text("timeZone"),
    deadline: deadline ?? undefined,
    reference: text("reference"),
  };
  return { body, unreadable };
}

export async function createMeetingAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const { body, unreadable } = newMeetingFromForm(formData);
  const parsed = parseFormBody(newMeetingBody, body, unreadable);
  if (!parsed.ok) return formFailure(parsed, locale);
  const actor = await getActor();
  if (!actor) return { error: t("secretariat.sessionEnded") };
  const result = createMeeting(actor, parsed.value);
  if (!result.ok) return formFailure(result, locale);
  redirect(`/meetings/${result.value.code}`);
}
