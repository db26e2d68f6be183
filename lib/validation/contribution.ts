// zod schemas of the submission metadata (form and API alike); unknown fields such as a forged
// organisation, submitter or receipt time are dropped, never read.
import { z } from "zod";
import { PURPOSES, VERSION_KINDS } from "@/db/schema";

export const MAX_TITLE = 500;
export const MAX_ABSTRACT = 5000;

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, { error: (issue) => `${label} is too long (${String((issue.input as string)?.length ?? "")} characters; at most ${max}).` });

export const contactSchema = z.object({
  name: text("The contact's name", 200).min(1, "The contact's name is required."),
  organization: text("The contact's organization", 200).min(1, "The contact's organization is required."),
  country: text("The contact's country", 100).min(1, "The contact's country is required."),
  phone: text("The contact's telephone", 60).default(""),
  email: z.email({ error: "The contact's e-mail address is not valid." }).max(320),
});

/** "Q3/20", "3/20", "q 3/20" → "Q3/20". */
export function normaliseQuestion(value: string): string {
  const m = /^\s*q?\.?\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*$/i.exec(value);
  return m ? `Q${Number(m[1])}/${Number(m[2])}` : value.trim();
}

const coverFields = {
  title: text("The title", MAX_TITLE).min(1, "A title is required."),
  questions: z
    .array(z.string().transform(normaliseQuestion), { error: "Choose at least one Question." })
    .min(1, "Choose at least one Question.")
    .max(20, "Too many Questions."),
  purpose: z.enum(PURPOSES, { error: `Choose the purpose: ${PURPOSES.join(", ")}.` }),
  abstract: text("The abstract", MAX_ABSTRACT),
  keywords: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(/[;,]/)).map((k) => k.trim()).filter(Boolean).join("; "))
    .pipe(text("The keywords", 1000)),
  contacts: z.array(contactSchema).min(1, "Give at least one contact.").max(10, "At most 10 contacts."),
};

export const submissionMetadata = z
  .object({ ...coverFields, abstract: coverFields.abstract.default(""), keywords: coverFields.keywords.default("") })
  .strip();

export type SubmissionMetadata = z.infer<typeof submissionMetadata>;

/** A revision may change the cover data; every field is optional, and a field left out keeps its value (no defaults). */
export const revisionMetadata = z.object(coverFields).partial().extend({
  kind: z.enum(VERSION_KINDS.filter((k) => k !== "original") as ["revision", "addendum", "corrigendum"]).default("revision"),
  note: text("The note", 1000).optional(),
});

export type RevisionMetadata = z.infer<typeof revisionMetadata>;

export const withdrawalBody = z.object({
  reason: text("The reason", 2000).min(3, "Say briefly why the contribution is withdrawn."),
});

export const lateExplanation = text("The explanation", 2000).default("");
