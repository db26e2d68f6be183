"use server";
// The secretariat's forms on a meeting: late decisions, extensions, meeting facts, related sessions.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/app/_components/action-form";
import { grantExtension, revokeExtension } from "@/lib/data/extensions";
import { decideLateRequest, DECISIONS } from "@/lib/data/late-decisions";
import { addMeetingSession, removeMeetingSession, updateMeeting } from "@/lib/data/meeting-admin";
import { getActor } from "@/lib/data/session";
import type { Failure } from "@/lib/errors";
import { parseGenevaLocalInput } from "@/lib/geneva-time";
import { MEETING_MODES } from "@/db/schema";

const SESSION_ENDED: ActionState = { error: "Your session has ended. Sign in again." };

function failed(f: Failure): ActionState {
  return { error: f.message, fields: f.fields };
}

function str(formData: FormData, key: string): string {
  const v = formData.get(key);
  return typeof v === "string" ? v : "";
}

const decisionForm = z.object({
  requestId: z.coerce.number().int().positive(),
  decision: z.enum(DECISIONS, { error: "Choose a decision." }),
  reason: z.string().trim().min(3, "Give the reason for the decision; the submitter will read it."),
  deferTo: z.string().optional(),
  tdReference: z.string().optional(),
});

export async function decideLateRequestAction(code: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = decisionForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: parsed.error.issues.map((i) => i.message).join(" ") };
  const actor = await getActor();
  if (!actor) return SESSION_ENDED;
  const result = await decideLateRequest(actor, parsed.data.requestId, parsed.data);
  if (!result.ok) return failed(result);
  revalidatePath(`/meetings/${code}/late-report`);
  const n = result.value.number;
  return { message: `Decision recorded: ${result.value.status.replace("_", " ")}${n ? `, number ${n}` : ""}. The submitter has been told by e-mail.` };
}

export async function grantExtensionAction(code: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await getActor();
  if (!actor) return SESSION_ENDED;
  const untilAt = parseGenevaLocalInput(str(formData, "until"));
  if (untilAt === null) return { error: "Give the end of the extension as a Geneva date and time." };
  const org = str(formData, "organisation");
  const result = grantExtension(actor, code, {
    organisationId: org ? Number(org) : null,
    userEmail: str(formData, "user") || null,
    untilAt,
    reason: str(formData, "reason"),
  });
  if (!result.ok) return failed(result);
  revalidatePath(`/meetings/${code}`, "layout");
  return { message: "Extension granted." };
}

export async function revokeExtensionAction(code: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await getActor();
  if (!actor) return SESSION_ENDED;
  const result = revokeExtension(actor, Number(str(formData, "extensionId")), str(formData, "reason"));
  if (!result.ok) return failed(result);
  revalidatePath(`/meetings/${code}`, "layout");
  return { message: "Extension revoked." };
}

const meetingForm = z.object({
  title: z.string().trim().min(1, "A title is required."),
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
  const parsed = meetingForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: parsed.error.issues.map((i) => i.message).join(" ") };
  const actor = await getActor();
  if (!actor) return SESSION_ENDED;
  const { deadlineMode, deadline, reason, reference, ...facts } = parsed.data;
  let deadlineValue: number | "default" | undefined;
  if (deadlineMode === "default") deadlineValue = "default";
  if (deadlineMode === "override") {
    const at = parseGenevaLocalInput(deadline ?? "");
    if (at === null) return { error: "Give the new deadline as a Geneva date and time (the first instant that is late)." };
    deadlineValue = at;
  }
  const result = updateMeeting(actor, code, { ...facts, deadline: deadlineValue }, { reason, reference });
  if (!result.ok) return failed(result);
  revalidatePath("/", "layout");
  return { message: `Saved: ${result.value.changed.join(", ")}. Lateness of every contribution now follows the new facts.` };
}

export async function addSessionAction(code: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await getActor();
  if (!actor) return SESSION_ENDED;
  const startsAt = parseGenevaLocalInput(str(formData, "startsAt"));
  const endsAt = parseGenevaLocalInput(str(formData, "endsAt"));
  if (startsAt === null || endsAt === null) return { error: "Give the start and the end as Geneva dates and times." };
  const kind = z.enum(["e_meeting", "newcomers", "jca", "webinar", "other"]).catch("other").parse(str(formData, "kind"));
  const result = addMeetingSession(actor, code, {
    title: str(formData, "title"),
    kind,
    startsAt,
    endsAt,
    registrationRequired: formData.get("registrationRequired") === "on",
    note: str(formData, "note") || null,
  });
  if (!result.ok) return failed(result);
  revalidatePath(`/meetings/${code}`, "layout");
  return { message: "Session added." };
}

export async function removeSessionAction(code: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await getActor();
  if (!actor) return SESSION_ENDED;
  const result = removeMeetingSession(actor, code, Number(str(formData, "sessionId")));
  if (!result.ok) return failed(result);
  revalidatePath(`/meetings/${code}`, "layout");
  return { message: "Session removed." };
}
