"use server";
// The secretariat's account forms: organisations, accounts, roles, deactivation and password links.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import type { ActionState } from "@/app/_components/action-form";
import {
  createAccount,
  createOrganisation,
  createPasswordResetLink,
  RAPPORTEUR_KINDS,
  setAccountActive,
  setRapporteur,
  setSecretariat,
} from "@/lib/data/accounts";
import { getActor } from "@/lib/data/session";
import type { Failure } from "@/lib/errors";
import { formatGeneva } from "@/lib/geneva-time";

const SESSION_ENDED: ActionState = { error: "Your session has ended. Sign in again." };

function failed(f: Failure): ActionState {
  return { error: f.message, fields: f.fields };
}

function invalidForm(error: z.ZodError): ActionState {
  return { error: error.issues.map((i) => i.message).join(" ") };
}

/** The link as the secretariat will paste it: absolute, on the origin the page was served from. */
async function absolute(path: string): Promise<string> {
  const configured = process.env.NEXTAUTH_URL?.replace(/\/+$/, "");
  if (configured) return `${configured}${path}`;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  if (!host) return path;
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}${path}`;
}

async function linkMessage(lead: string, link: { url: string; expiresAt: number; mailed: boolean }, email: string): Promise<string> {
  const mailed = link.mailed ? `It has also been e-mailed to ${email}.` : `The e-mail to ${email} could not be sent: pass the link on yourself.`;
  return `${lead} One-time password link, valid until ${formatGeneva(link.expiresAt, { seconds: false })}, Geneva time: ${await absolute(link.url)} ${mailed}`;
}

const organisationForm = z.object({
  name: z.string().trim().min(2, "Give the organisation's name."),
  country: z.string().trim().min(2, "Give the country."),
  memberType: z.string().min(1, "Choose the kind of member."),
  associateStudyGroup: z.string().optional(),
});

export async function createOrganisationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = organisationForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidForm(parsed.error);
  const actor = await getActor();
  if (!actor) return SESSION_ENDED;
  const result = createOrganisation(actor, { ...parsed.data, associateStudyGroupCode: parsed.data.associateStudyGroup || null });
  if (!result.ok) return failed(result);
  revalidatePath("/secretariat/accounts");
  return { message: `Organisation created: ${result.value.name}. You can now open accounts for its delegates.` };
}

const accountForm = z.object({
  email: z.string().trim().min(3, "Give the e-mail address."),
  name: z.string().trim().min(2, "Give the person's name."),
  organisation: z.string().regex(/^\d*$/, "Choose an organisation from the list.").optional(),
  phone: z.string().optional(),
});

export async function createAccountAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = accountForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidForm(parsed.error);
  const actor = await getActor();
  if (!actor) return SESSION_ENDED;
  const { email, name, organisation, phone } = parsed.data;
  const result = await createAccount(actor, { email, name, organisationId: organisation ? Number(organisation) : null, phone: phone || null });
  if (!result.ok) return failed(result);
  revalidatePath("/secretariat/accounts");
  return { message: await linkMessage(`Account created for ${name} (${result.value.email}).`, result.value, result.value.email) };
}

const rapporteurForm = z.object({
  question: z.string().trim().min(1, "Choose a Question."),
  kind: z.enum([...RAPPORTEUR_KINDS, "none"], { error: "Choose rapporteur, associate rapporteur, or none." }),
});

export async function setRapporteurAction(userId: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = rapporteurForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidForm(parsed.error);
  const actor = await getActor();
  if (!actor) return SESSION_ENDED;
  const kind = parsed.data.kind === "none" ? null : parsed.data.kind;
  const result = setRapporteur(actor, userId, parsed.data.question, kind);
  if (!result.ok) return failed(result);
  revalidatePath(`/secretariat/accounts/${userId}`);
  revalidatePath("/secretariat/accounts");
  const q = result.value.questionCode;
  if (!result.value.changed) return { message: `Nothing to change for ${q}.` };
  return { message: kind === null ? `No longer a rapporteur of ${q}.` : `Now ${kind === "rapporteur" ? "rapporteur" : "associate rapporteur"} of ${q}.` };
}

const secretariatForm = z.object({ group: z.string().trim().min(1), on: z.enum(["1", "0"]) });

export async function setSecretariatAction(userId: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = secretariatForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: "Reload the page and try again." };
  const actor = await getActor();
  if (!actor) return SESSION_ENDED;
  const on = parsed.data.on === "1";
  const result = setSecretariat(actor, userId, parsed.data.group, on);
  if (!result.ok) return failed(result);
  revalidatePath(`/secretariat/accounts/${userId}`);
  revalidatePath("/secretariat/accounts");
  const g = result.value.studyGroupCode;
  return { message: on ? `Now in the secretariat of ${g}.` : `No longer in the secretariat of ${g}.` };
}

const activeForm = z.object({ reason: z.string().trim().min(3, "Give the reason; it is kept in the audit log.") });

export async function setAccountActiveAction(userId: number, active: boolean, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = activeForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidForm(parsed.error);
  const actor = await getActor();
  if (!actor) return SESSION_ENDED;
  const result = setAccountActive(actor, userId, active, parsed.data.reason);
  if (!result.ok) return failed(result);
  revalidatePath(`/secretariat/accounts/${userId}`);
  revalidatePath("/secretariat/accounts");
  return {
    message: active
      ? "Account reactivated: it can sign in again."
      : "Account deactivated: it can no longer sign in, and its sessions and API tokens stopped working.",
  };
}

export async function sendPasswordLinkAction(userId: number, _prev: ActionState): Promise<ActionState> {
  const actor = await getActor();
  if (!actor) return SESSION_ENDED;
  const result = await createPasswordResetLink(actor, userId);
  if (!result.ok) return failed(result);
  revalidatePath(`/secretariat/accounts/${userId}`);
  return { message: await linkMessage("Password link created.", result.value, result.value.email) };
}
