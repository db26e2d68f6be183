// zod schemas of the submission metadata (form and API alike); unknown fields such as a forged
// organisation, submitter or receipt time are dropped, never read.
import { z } from "zod";
import { PURPOSES, VERSION_KINDS } from "@/lib/domain";
import { normaliseQuestion } from "@/lib/domain/questions";
import type { MessageKey } from "@/lib/i18n/keys";
import { zodMessage } from "@/lib/validation/messages";

export const MAX_TITLE = 500;
export const MAX_ABSTRACT = 5000;
/** the keywords, joined with "; " */
export const MAX_KEYWORDS = 1000;
export const MAX_QUESTIONS = 20;
export const MAX_CONTACTS = 10;
export const MAX_CONTACT = { name: 200, organization: 200, country: 100, phone: 60, email: 320 } as const;

/** Messages are catalog keys (lib/validation/messages.ts); `label` is the key of the field's name. */
const text = (label: MessageKey, max: number) =>
  z
    .string({ error: zodMessage("api.validation.notText", { label }) })
    .trim()
    .max(max, { error: (issue) => zodMessage("api.validation.tooLong", { label, count: String((issue.input as string)?.length ?? ""), max }) });

export const contactSchema = z.object({
  name: text("api.validation.label.contactName", MAX_CONTACT.name).min(1, zodMessage("api.validation.contact.nameRequired")),
  organization: text("api.validation.label.contactOrganization", MAX_CONTACT.organization).min(1, zodMessage("api.validation.contact.organizationRequired")),
  country: text("api.validation.label.contactCountry", MAX_CONTACT.country).min(1, zodMessage("api.validation.contact.countryRequired")),
  phone: text("api.validation.label.contactPhone", MAX_CONTACT.phone).default(""),
  email: z.email({ error: zodMessage("api.validation.contact.emailInvalid") }).max(MAX_CONTACT.email),
});

const coverFields = {
  title: text("api.validation.label.title", MAX_TITLE).min(1, zodMessage("api.validation.titleRequired")),
  questions: z
    .array(z.string().transform(normaliseQuestion), { error: zodMessage("api.validation.questionsRequired") })
    .min(1, zodMessage("api.validation.questionsRequired"))
    .max(MAX_QUESTIONS, zodMessage("api.validation.tooManyQuestions")),
  purpose: z.enum(PURPOSES, { error: zodMessage("api.validation.purpose", { list: PURPOSES.join(", ") }) }),
  abstract: text("api.validation.label.abstract", MAX_ABSTRACT),
  keywords: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(/[;,]/)).map((k) => k.trim()).filter(Boolean).join("; "))
    .pipe(text("api.validation.label.keywords", MAX_KEYWORDS)),
  contacts: z.array(contactSchema).min(1, zodMessage("api.validation.contactsRequired")).max(MAX_CONTACTS, zodMessage("api.validation.tooManyContacts", { max: MAX_CONTACTS })),
};

export const submissionMetadata = z
  .object({ ...coverFields, abstract: coverFields.abstract.default(""), keywords: coverFields.keywords.default("") })
  .strip();

export type SubmissionMetadata = z.infer<typeof submissionMetadata>;

/** A revision may change the cover data; every field is optional, and a field left out keeps its value (no defaults). */
export const revisionMetadata = z.object(coverFields).partial().extend({
  kind: z.enum(VERSION_KINDS.filter((k) => k !== "original") as ["revision", "addendum", "corrigendum"]).default("revision"),
  note: text("api.validation.label.note", 1000).optional(),
});

export type RevisionMetadata = z.infer<typeof revisionMetadata>;

export const withdrawalBody = z.object({
  reason: text("api.validation.label.reason", 2000).min(3, zodMessage("api.validation.withdrawReason")),
});

export const lateExplanation = text("api.validation.label.explanation", 2000).default("");
