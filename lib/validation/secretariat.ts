// zod schemas of the secretariat's API bodies: decisions, extensions, meeting changes.
import { z } from "zod";
import { MEETING_MODES } from "@/db/schema";
import { DECISIONS } from "@/lib/data/late-decisions";

const isoInstant = z.iso.datetime({ offset: true, error: "An ISO 8601 instant with its offset, e.g. 2020-06-24T10:00:00Z." });

export const decisionBody = z.object({
  decision: z.enum(DECISIONS, { error: `The decision is one of ${DECISIONS.join(", ")}.` }),
  reason: z.string().trim().min(3, "Give the reason for the decision; the submitter will read it.").max(2000),
  deferTo: z.string().trim().max(60).optional().nullable(),
  tdReference: z.string().trim().max(60).optional().nullable(),
});

export const extensionBody = z
  .object({
    organisation: z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
    user: z.string().trim().max(320).optional(),
    until: isoInstant,
    reason: z.string().trim().min(3, "Give the reason for the extension.").max(2000),
  })
  .refine((b) => (b.organisation === undefined) !== (b.user === undefined), { message: "Give either an organisation id or a user's e-mail, not both.", path: ["organisation"] });

export const meetingPatchBody = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  mode: z.enum(MEETING_MODES).optional(),
  location: z.string().trim().max(300).optional(),
  firstDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "A date as YYYY-MM-DD.").optional(),
  lastDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "A date as YYYY-MM-DD.").optional(),
  timeZone: z.string().trim().max(60).optional(),
  deadline: z.union([isoInstant, z.literal("default")]).optional(),
  deadlineNote: z.string().trim().max(1000).nullable().optional(),
  reason: z.string().trim().min(3, "Say why the meeting changes.").max(2000),
  reference: z.string().trim().min(3, "Give the reference, e.g. 'Corrigendum 1 to Collective letter 8/20'.").max(300),
});
