// zod schemas of the secretariat's inputs, one per input and shared by the API's bodies and the pages' forms (which
// turn their fields into the same body first): late decisions, extensions, meeting changes, new meetings, sessions.
import { z } from "zod";
import { DECISIONS, MEETING_MODES, SESSION_KINDS } from "@/lib/domain";
import { zodMessage } from "@/lib/validation/messages";
import { isCalendarDate } from "@/lib/time/iso";
import { isTimeZone } from "@/lib/time/geneva";

/** An ISO 8601 instant with its offset, read into epoch milliseconds. */
const instant = z.iso.datetime({ offset: true, error: zodMessage("api.validation.instant") }).transform((s) => Date.parse(s));

/** "YYYY-MM-DD" naming a day that exists: 2021-02-30 is refused here (422), never rolled into March. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, zodMessage("api.validation.date"))
  .refine(isCalendarDate, zodMessage("auth.validation.noSuchDay"));

/** A zone the runtime knows by its IANA name; an unknown one would break every time printed for the meeting. */
const timeZone = z.string().trim().max(60).refine(isTimeZone, zodMessage("api.meeting.timeZone"));

const title = z.string().trim().min(1, zodMessage("api.validation.titleRequired")).max(300);

// ---------------------------------------------------------------- late decisions

export const decisionBody = z.object({
  decision: z.enum(DECISIONS, { error: zodMessage("api.validation.decision", { list: DECISIONS.join(", ") }) }),
  reason: z.string().trim().min(3, zodMessage("api.validation.decisionReason")).max(2000),
  deferTo: z.string().trim().max(60).optional().nullable(),
  tdReference: z.string().trim().max(60).optional().nullable(),
});

// ---------------------------------------------------------------- extensions

/** For an organisation (its id) or for one member (the account's e-mail), never both; read into the data layer's input. */
export const extensionBody = z
  .object({
    organisation: z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
    user: z.string().trim().min(1, zodMessage("api.extension.forWhom")).max(320).optional(),
    until: instant,
    reason: z.string().trim().min(3, zodMessage("api.validation.extensionReason")).max(2000),
  })
  .refine((b) => b.organisation !== undefined || b.user !== undefined, { message: zodMessage("api.extension.forWhom"), path: ["organisation"] })
  .refine((b) => b.organisation === undefined || b.user === undefined, { message: zodMessage("api.validation.extensionFor"), path: ["organisation"] })
  .transform(({ organisation, user, until, reason }) =>
    organisation !== undefined ? { organisationId: organisation, untilAt: until, reason } : { userEmail: user!, untilAt: until, reason },
  );

/** DELETE /extensions/{id} and the revoke button: an optional reason; any other body means no reason. */
export const revokeExtensionBody = z.object({ reason: z.string().catch("") }).catch({ reason: "" });

// ---------------------------------------------------------------- meetings

/**
 * A change of a meeting's facts: only the fields given change. Every change needs a reason and a reference
 * ("Corrigendum 1 to Collective letter 8/20"), both of at least 3 characters. `deadline` is the new first late
 * instant, or "default" to go back to the rule. Whether the last day falls before the first needs the stored
 * meeting when only one is given: the data layer judges that.
 */
export const meetingPatchBody = z.object({
  title: title.optional(),
  mode: z.enum(MEETING_MODES).optional(),
  location: z.string().trim().max(300).optional(),
  firstDay: calendarDate.optional(),
  lastDay: calendarDate.optional(),
  timeZone: timeZone.optional(),
  deadline: z.union([instant, z.literal("default")]).optional(),
  deadlineNote: z.string().trim().max(1000).nullable().optional(),
  reason: z.string().trim().min(3, zodMessage("api.validation.meetingReason")).max(2000),
  reference: z.string().trim().min(3, zodMessage("api.validation.meetingReference")).max(300),
});

/** A meeting's code: "SG20-2021-01" (capitals, digits, dashes); typed in lower case, it is read in capitals. */
const meetingCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,40}$/, zodMessage("api.meeting.codeShape"));

/** A new meeting of one of the secretariat's groups; without a deadline it follows the rule (13 days before the first day). */
export const newMeetingBody = z
  .object({
    code: meetingCode,
    title,
    studyGroupCode: z.string().trim().max(60),
    studyPeriodCode: z.string().trim().max(60),
    mode: z.enum(MEETING_MODES),
    location: z.string().trim().max(300),
    firstDay: calendarDate,
    lastDay: calendarDate,
    timeZone,
    deadline: instant.optional(),
    /** the collective letter that announces it; "Meeting created" in the history when left empty */
    reference: z.string().trim().max(300).default(""),
  })
  .refine((m) => m.lastDay >= m.firstDay, { message: zodMessage("api.meeting.lastDay"), path: ["lastDay"] });

/** A session listed beside a meeting (an e-meeting, a newcomers' session…), from its start to its end. */
export const sessionBody = z
  .object({
    title,
    kind: z.enum(SESSION_KINDS),
    startsAt: instant,
    endsAt: instant,
    registrationRequired: z.boolean().default(false),
    note: z.string().trim().max(2000).nullable().default(null),
  })
  .refine((s) => s.endsAt > s.startsAt, { message: zodMessage("api.meeting.sessionEnds"), path: ["endsAt"] });
