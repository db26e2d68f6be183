// zod schemas of the secretariat's API bodies: decisions, extensions, meeting changes.
import { z } from "zod";
import { DECISIONS, MEETING_MODES } from "@/lib/domain";
import { zodMessage } from "@/lib/validation/messages";
import { isCalendarDate } from "@/lib/time/iso";

const isoInstant = z.iso.datetime({ offset: true, error: zodMessage("api.validation.instant") });

/** "YYYY-MM-DD" naming a day that exists: 2021-02-30 is refused here (422), never rolled into March. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, zodMessage("api.validation.date"))
  .refine(isCalendarDate, zodMessage("auth.validation.noSuchDay"));

export const decisionBody = z.object({
  decision: z.enum(DECISIONS, { error: zodMessage("api.validation.decision", { list: DECISIONS.join(", ") }) }),
  reason: z.string().trim().min(3, zodMessage("api.validation.decisionReason")).max(2000),
  deferTo: z.string().trim().max(60).optional().nullable(),
  tdReference: z.string().trim().max(60).optional().nullable(),
});

export const extensionBody = z
  .object({
    organisation: z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
    user: z.string().trim().max(320).optional(),
    until: isoInstant,
    reason: z.string().trim().min(3, zodMessage("api.validation.extensionReason")).max(2000),
  })
  .refine((b) => (b.organisation === undefined) !== (b.user === undefined), { message: zodMessage("api.validation.extensionFor"), path: ["organisation"] });

export const meetingPatchBody = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  mode: z.enum(MEETING_MODES).optional(),
  location: z.string().trim().max(300).optional(),
  firstDay: calendarDate.optional(),
  lastDay: calendarDate.optional(),
  timeZone: z.string().trim().max(60).optional(),
  deadline: z.union([isoInstant, z.literal("default")]).optional(),
  deadlineNote: z.string().trim().max(1000).nullable().optional(),
  reason: z.string().trim().min(3, zodMessage("api.validation.meetingReason")).max(2000),
  reference: z.string().trim().min(3, zodMessage("api.validation.meetingReference")).max(300),
});
