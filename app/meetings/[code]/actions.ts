"use server";
// The secretariat's forms on a meeting: late decisions, extensions, meeting facts, related sessions. Each turns its
// fields into the API's body for the same input and parses it with the same schema (lib/validation/secretariat.ts).
import { formFailure } from "@/lib/present/failures";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/app/_components/action-form";
import { grantExtension, revokeExtension } from "@/lib/data/extensions";
import { decideLateRequest } from "@/lib/data/late-decisions";
import { addMeetingSession, removeMeetingSession, updateMeeting } from "@/lib/data/meeting-admin";
import { getActor } from "@/lib/auth/session";
import { failT } from "@/lib/domain/failures";
import { LATE_REQUEST_STATUS_KEY } from "@/lib/present/labels";
import { getT } from "@/lib/i18n/server";
import type { MessageKey, Translator } from "@/lib/i18n/translate";
import { idParam } from "@/lib/validation/api";
import { formOptional, formText, genevaFieldInstant, parseFormBody } from "@/lib/validation/forms";
import { decisionBody, extensionBody, meetingPatchBody, revokeExtensionBody, sessionBody } from "@/lib/validation/secretariat";

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

// ---------------------------------------------------------------- late decisions

/** The decision card of the late report → POST /late-requests/{id}/decision's body. */
function decisionFromForm(formData: FormData) {
  return {
    decision: formOptional(formData, "decision"),
    reason: formText(formData, "reason"),
    deferTo: formOptional(formData, "deferTo"),
    tdReference: formOptional(formData, "tdReference"),
  };
}

export async function decideLateRequestAction(code: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const requestId = idParam.safeParse(formData.get("requestId"));
  if (!requestId.success) return formFailure(failT("not_found", "api.notFound.lateRequest"), locale);
  const parsed = parseFormBody(decisionBody, decisionFromForm(formData));
  if (!parsed.ok) return formFailure(parsed, locale);
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const result = await decideLateRequest(actor, requestId.data, parsed.value);
  if (!result.ok) return formFailure(result, locale);
  revalidatePath(`/meetings/${code}/late-report`);
  const n = result.value.number;
  const status = t(LATE_REQUEST_STATUS_KEY[result.value.status]);
  return { message: n ? t("secretariat.decide.recordedNumber", { status, number: n }) : t("secretariat.decide.recorded", { status }) };
}

// ---------------------------------------------------------------- extensions

/** The extension form → POST /meetings/{code}/extensions's body: the organisation chosen or the member's e-mail, the end in Geneva time. */
function extensionFromForm(formData: FormData) {
  const until = genevaFieldInstant(formData, "until");
  const unreadable: Record<string, MessageKey> = until === undefined || until === null ? { until: "secretariat.ext.untilInvalid" } : {};
  const body = { organisation: formOptional(formData, "organisation"), user: formOptional(formData, "user"), until, reason: formText(formData, "reason") };
  return { body, unreadable };
}

export async function grantExtensionAction(code: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const { body, unreadable } = extensionFromForm(formData);
  const parsed = parseFormBody(extensionBody, body, unreadable);
  if (!parsed.ok) return formFailure(parsed, locale);
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const result = grantExtension(actor, code, parsed.value);
  if (!result.ok) return formFailure(result, locale);
  revalidatePath(`/meetings/${code}`, "layout");
  return { message: t("secretariat.ext.granted") };
}

export async function revokeExtensionAction(code: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const extensionId = idParam.safeParse(formData.get("extensionId"));
  if (!extensionId.success) return formFailure(failT("not_found", "api.notFound.extension"), locale);
  const { reason } = revokeExtensionBody.parse({ reason: formText(formData, "reason") });
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const result = revokeExtension(actor, extensionId.data, reason);
  if (!result.ok) return formFailure(result, locale);
  revalidatePath(`/meetings/${code}`, "layout");
  return { message: t("secretariat.ext.revoked") };
}

// ---------------------------------------------------------------- the meeting's facts

/**
 * The facts form → PATCH /meetings/{code}'s body. It sends every fact (those unchanged change nothing); the deadline
 * radio keeps it (no `deadline`), goes back to the rule ("default") or sets the Geneva time given (an ISO instant).
 */
function meetingPatchFromForm(formData: FormData) {
  const unreadable: Record<string, MessageKey> = {};
  let deadline: string | undefined;
  const deadlineMode = formText(formData, "deadlineMode");
  if (deadlineMode === "default") deadline = "default";
  if (deadlineMode === "override") {
    const at = genevaFieldInstant(formData, "deadline");
    if (typeof at === "string") deadline = at;
    else unreadable.deadline = "secretariat.meeting.deadlineInvalid";
  }
  const body = {
    title: formText(formData, "title"),
    mode: formText(formData, "mode"),
    location: formText(formData, "location"),
    firstDay: formText(formData, "firstDay"),
    lastDay: formText(formData, "lastDay"),
    timeZone: formText(formData, "timeZone"),
    deadline,
    reason: formText(formData, "reason"),
    reference: formText(formData, "reference"),
  };
  return { body, unreadable };
}

export async function updateMeetingAction(code: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const { body, unreadable } = meetingPatchFromForm(formData);
  const parsed = parseFormBody(meetingPatchBody, body, unreadable);
  if (!parsed.ok) return formFailure(parsed, locale);
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const { reason, reference, ...changes } = parsed.value;
  const result = updateMeeting(actor, code, changes, { reason, reference });
  if (!result.ok) return formFailure(result, locale);
  revalidatePath("/", "layout");
  const fields = result.value.changed.map((f) => (Object.hasOwn(CHANGED_FIELD_KEY, f) ? t(CHANGED_FIELD_KEY[f]) : f)).join(", ");
  return { message: t("secretariat.meeting.saved", { fields }) };
}

// ---------------------------------------------------------------- related sessions

/** The session form: start and end in Geneva time, a ticked box for registration, a blank note as none. */
function sessionFromForm(formData: FormData) {
  const startsAt = genevaFieldInstant(formData, "startsAt");
  const endsAt = genevaFieldInstant(formData, "endsAt");
  const unreadable: Record<string, MessageKey> = {};
  if (typeof startsAt !== "string") unreadable.startsAt = "secretariat.session.timesInvalid";
  if (typeof endsAt !== "string") unreadable.endsAt = "secretariat.session.timesInvalid";
  const body = {
    title: formText(formData, "title"),
    kind: formText(formData, "kind"),
    startsAt,
    endsAt,
    registrationRequired: formData.get("registrationRequired") === "on",
    note: formText(formData, "note").trim() || null,
  };
  return { body, unreadable };
}

export async function addSessionAction(code: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const { body, unreadable } = sessionFromForm(formData);
  const parsed = parseFormBody(sessionBody, body, unreadable);
  if (!parsed.ok) return formFailure(parsed, locale);
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const result = addMeetingSession(actor, code, parsed.value);
  if (!result.ok) return formFailure(result, locale);
  revalidatePath(`/meetings/${code}`, "layout");
  return { message: t("secretariat.session.added") };
}

export async function removeSessionAction(code: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const sessionId = idParam.safeParse(formData.get("sessionId"));
  if (!sessionId.success) return formFailure(failT("not_found", "api.notFound.session"), locale);
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const result = removeMeetingSession(actor, code, sessionId.data);
  if (!result.ok) return formFailure(result, locale);
  revalidatePath(`/meetings/${code}`, "layout");
  return { message: t("secretariat.session.removed") };
}
