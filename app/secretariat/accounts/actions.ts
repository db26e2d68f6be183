"use server";
// The secretariat's account forms: organisations, accounts, roles, deactivation, password links, and accounts awaiting approval.
import { formFailure, formIssues } from "@/lib/present/failures";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/app/_components/action-form";
import { createAccount, createOrganisation, setAccountActive, setRapporteur, setSecretariat } from "@/lib/data/account-admin";
import { RAPPORTEUR_KINDS } from "@/lib/domain";
import { createPasswordResetLink } from "@/lib/data/password-links";
import { approvePendingAccount, declinePendingAccount } from "@/lib/data/pending-accounts";
import { getActor } from "@/lib/auth/session";
import { formatGeneva } from "@/lib/present/time";
import type { Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import type { Translator } from "@/lib/i18n/translate";

function sessionEnded(t: Translator): ActionState {
  return { error: t("secretariat.sessionEnded") };
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

async function linkMessage(
  lead: string,
  link: { url: string; expiresAt: number; mailed: boolean },
  email: string,
  { t, locale }: { t: Translator; locale: Locale },
): Promise<ActionState> {
  const mailed = t(link.mailed ? "secretariat.accountsAction.linkMailed" : "secretariat.accountsAction.linkNotMailed", { email });
  const date = formatGeneva(link.expiresAt, { seconds: false, locale });
  // The message names the Geneva time; the form adds the reader's own time of the link's end beside it.
  return { message: t("secretariat.accountsAction.link", { lead, date, url: await absolute(link.url), mailed }), at: link.expiresAt };
}

const organisationForm = z.object({
  name: z.string().trim().min(2, "secretariat.accountsAction.orgName"),
  country: z.string().trim().min(2, "secretariat.accountsAction.orgCountry"),
  memberType: z.string().min(1, "secretariat.accountsAction.orgMemberType"),
  associateStudyGroup: z.string().optional(),
});

export async function createOrganisationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const parsed = organisationForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formIssues(parsed.error, locale);
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const result = createOrganisation(actor, { ...parsed.data, associateStudyGroupCode: parsed.data.associateStudyGroup || null });
  if (!result.ok) return formFailure(result, locale);
  revalidatePath("/secretariat/accounts");
  return { message: t("secretariat.accountsAction.orgCreated", { name: result.value.name }) };
}

const accountForm = z.object({
  email: z.string().trim().min(3, "secretariat.accountsAction.email"),
  name: z.string().trim().min(2, "secretariat.accountsAction.name"),
  organisation: z.string().regex(/^\d*$/, "secretariat.accountsAction.organisation").optional(),
  phone: z.string().optional(),
});

export async function createAccountAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const parsed = accountForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formIssues(parsed.error, locale);
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const { email, name, organisation, phone } = parsed.data;
  const result = await createAccount(actor, { email, name, organisationId: organisation ? Number(organisation) : null, phone: phone || null });
  if (!result.ok) return formFailure(result, locale);
  revalidatePath("/secretariat/accounts");
  const lead = t("secretariat.accountsAction.accountCreated", { name, email: result.value.email });
  return linkMessage(lead, result.value, result.value.email, { t, locale });
}

const rapporteurForm = z.object({
  question: z.string().trim().min(1, "secretariat.accountsAction.question"),
  kind: z.enum([...RAPPORTEUR_KINDS, "none"], { error: "secretariat.accountsAction.kind" }),
});

export async function setRapporteurAction(userId: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const parsed = rapporteurForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formIssues(parsed.error, locale);
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const kind = parsed.data.kind === "none" ? null : parsed.data.kind;
  const result = setRapporteur(actor, userId, parsed.data.question, kind);
  if (!result.ok) return formFailure(result, locale);
  revalidatePath(`/secretariat/accounts/${userId}`);
  revalidatePath("/secretariat/accounts");
  const code = result.value.questionCode;
  if (!result.value.changed) return { message: t("secretariat.accountsAction.nothingToChange", { code }) };
  if (kind === null) return { message: t("secretariat.accountsAction.noLongerRapporteur", { code }) };
  return {
    message: t(kind === "rapporteur" ? "secretariat.accountsAction.nowRapporteur" : "secretariat.accountsAction.nowAssociateRapporteur", { code }),
  };
}

const secretariatForm = z.object({ group: z.string().trim().min(1), on: z.enum(["1", "0"]) });

export async function setSecretariatAction(userId: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const parsed = secretariatForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: t("secretariat.accountsAction.reload") };
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const on = parsed.data.on === "1";
  const result = setSecretariat(actor, userId, parsed.data.group, on);
  if (!result.ok) return formFailure(result, locale);
  revalidatePath(`/secretariat/accounts/${userId}`);
  revalidatePath("/secretariat/accounts");
  const code = result.value.studyGroupCode;
  return { message: t(on ? "secretariat.accountsAction.nowSecretariat" : "secretariat.accountsAction.noLongerSecretariat", { code }) };
}

const activeForm = z.object({ reason: z.string().trim().min(3, "secretariat.accountsAction.reason") });

export async function setAccountActiveAction(userId: number, active: boolean, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const parsed = activeForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formIssues(parsed.error, locale);
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const result = setAccountActive(actor, userId, active, parsed.data.reason);
  if (!result.ok) return formFailure(result, locale);
  revalidatePath(`/secretariat/accounts/${userId}`);
  revalidatePath("/secretariat/accounts");
  return { message: t(active ? "secretariat.accountsAction.reactivated" : "secretariat.accountsAction.deactivated") };
}

export async function sendPasswordLinkAction(userId: number, _prev: ActionState): Promise<ActionState> {
  const { t, locale } = await getT();
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const result = await createPasswordResetLink(actor, userId);
  if (!result.ok) return formFailure(result, locale);
  revalidatePath(`/secretariat/accounts/${userId}`);
  return linkMessage(t("secretariat.accountsAction.passwordLink"), result.value, result.value.email, { t, locale });
}

// ---------------------------------------------------------------- accounts requested through single sign-on

const approveForm = z.object({ organisation: z.string().regex(/^\d{1,9}$/, "sso.pending.chooseOrganisation") });

export async function approvePendingAccountAction(userId: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const parsed = approveForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formIssues(parsed.error, locale);
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const result = approvePendingAccount(actor, userId, Number(parsed.data.organisation));
  if (!result.ok) return formFailure(result, locale);
  revalidatePath("/secretariat/accounts");
  // The approval form goes with the request it answered: the account's page says what was decided.
  redirect(`/secretariat/accounts/${userId}?decided=approved`);
}

const declineForm = z.object({ reason: z.string().trim().min(3, "sso.pending.declineReason") });

export async function declinePendingAccountAction(userId: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { t, locale } = await getT();
  const parsed = declineForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formIssues(parsed.error, locale);
  const actor = await getActor();
  if (!actor) return sessionEnded(t);
  const result = declinePendingAccount(actor, userId, parsed.data.reason);
  if (!result.ok) return formFailure(result, locale);
  revalidatePath("/secretariat/accounts");
  redirect(`/secretariat/accounts/${userId}?decided=declined`);
}
