"use server";
// The secretariat's forms on a meeting: late decisions, extensions, meeting facts, related sessions.
import { formFailure, formIssues } from "@/lib/present/failures";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/app/_components/action-form";
import { grantExtension, revokeExtension } from "@/lib/data/extensions";
import { decideLateRequest } from "@/lib/data/late-decisions";
import { addMeetingSession, removeMeetingSession, updateMeeting } from "@/lib/data/meeting-admin";
import { getActor } from "@/lib/auth/session";
import { parseGenevaLocalInput } from "@/lib/time/geneva";
import { LATE_REQUEST_STATUS_KEY } from "@/lib/present/labels";
import { getT } from "@/lib/i18n/server";
import type { MessageKey, Translator } from "@/lib/i18n/translate";
import { DECISIONS, MEETING_MODES, SESSION_KINDS } from "@/lib/domain";

function sessionEnded(t: Translator): ActionState {
  return { error: t("secretariat.sessionEnded") };
}


const CHANGED_FIELD_KEY: Record<string, MessageKey> = {
  title: "secretariat.meeting.field.title",
  mode: "secretariat.meeting.field.mode",
  location: "secretariat.meeting.field.location",
  firstDay: "secretariat.meeting.field.firstDay",
  lastDay: "secretariat.meeting.field.lastDay",
  timeZone: "secretariat.meeting.field.timeZone",
  deadlineAt: "secretariat.meeting.field.deadlineAt",
  deadlineRule: "secretariat.meeting.field.deadlineRule",
  deadlineNote: "secretariat.meeting.field.deadlineNote",
};

function str(formData: FormData, key: string): string {
  const v = formData.get(key);
  return typeof v === "string" ? v : "";
}

const decisionForm = z.object({
  requestId: z.coerce.number().int().positive(),
  decision: z.enum(DECISIONS, { error: "secretariat.decide.chooseDecision" }),
  reason: z.string().trim().min(3, "secretariat.decide.giveReason"),
  deferTo: z.string().optional(),
  tdReference: z.string().optional(),
});

export async function decideLateRequestAction(code: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const parsed = decisionForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formIssues(parsed.error, locale);
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const result = await decideLateRequest(actor, parsed.data.requestId, parsed.data);
  if (!result.ok) return formFailure(result, locale);
  revalidatePath(`/meetings/${code}/late-report`);
  const n = result.value.number;
  const status = t(LATE_REQUEST_STATUS_KEY[result.value.status]);
  return { message: n ? t("secretariat.decide.recordedNumber", { status, number: n }) : t("secretariat.decide.recorded", { status }) };
}

export async function grantExtensionAction(code: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const untilAt = parseGenevaLocalInput(str(formData, "until"));
  if (untilAt === null) return { error: t("secretariat.ext.untilInvalid") };
  const org = str(formData, "organisation");
  const result = grantExtension(actor, code, {
    organisationId: org ? Number(org) : null,
    userEmail: str(formData, "user") || null,
    untilAt,
    reason: str(formData, "reason"),
  });
  if (!result.ok) return formFailure(result, locale);
  revalidatePath(`/meetings/${code}`, "layout");
  return { message: t("secretariat.ext.granted") };
}

export async function revokeExtensionAction(code: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const result = revokeExtension(actor, Number(str(formData, "extensionId")), str(formData, "reason"));
  if (!result.ok) return formFailure(result, locale);
  revalidatePath(`/meetings/${code}`, "layout");
  return { message: t("secretariat.ext.revoked") };
}

const meetingForm = z.object({
  title: z.string().trim().min(1, "secretariat.meeting.titleRequired"),
  mode: z.enum(MEETING_MODES),
  location: z.string().trim(),
  firstDay: z.string(),
  lastDay: z.string(),
  timeZone: z.string().trim(),
  deadlineMode: z.enum(["keep", "default", "override"]),
  deadline: z.string().optional(),
  reason: z.string().trim(),
  reference: z.string().trim(),
});

export async function updateMeetingAction(code: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const parsed = meetingForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formIssues(parsed.error, locale);
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const { deadlineMode, deadline, reason, reference, ...facts } = parsed.data;
  let deadlineValue: number | "default" | undefined;
  if (deadlineMode === "default") deadlineValue = "default";
  if (deadlineMode === "override") {
    const at = parseGenevaLocalInput(deadline ?? "");
    if (at === null) return { error: t("secretariat.meeting.deadlineInvalid") };
    deadlineValue = at;
  }
  const result = updateMeeting(actor, code, { ...facts, deadline: deadlineValue }, { reason, reference });
  if (!result.ok) return formFailure(result, locale);
  revalidatePath("/", "layout");
  const fields = result.value.changed.map((f) => (Object.hasOwn(CHANGED_FIELD_KEY, f) ? t(CHANGED_FIELD_KEY[f]) : f)).join(", ");
  return { message: t("secretariat.meeting.saved", { fields }) };
}

export async function addSessionAction(code: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const startsAt = parseGenevaLocalInput(str(formData, "startsAt"));
  const endsAt = parseGenevaLocalInput(str(formData, "endsAt"));
  if (startsAt === null || endsAt === null) return { error: t("secretariat.session.timesInvalid") };
  const kind = z.enum(SESSION_KINDS).catch("other").parse(str(formData, "kind"));
  const result = addMeetingSession(actor, code, {
    title: str(formData, "title"),
    kind,
    startsAt,
    endsAt,
    registrationRequired: formData.get("registrationRequired") === "on",
    note: str(formData, "note") || null,
  });
  if (!result.ok) return formFailure(result, locale);
  revalidatePath(`/meetings/${code}`, "layout");
  return { message: t("secretariat.session.added") };
}

export async function removeSessionAction(code: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const result = removeMeetingSession(actor, code, Number(str(formData, "sessionId")));
  if (!result.ok) return formFailure(result, locale);
  revalidatePath(`/meetings/${code}`, "layout");
  return { message: t("secretariat.session.removed") };
}
