// Meetings' important dates as iCalendar feeds that calendar applications subscribe to: instants in UTC, a stable
// UID per event, and a SEQUENCE that grows with each change of the meeting's history that touched the event, so a
// deadline moved by a corrigendum moves in every subscriber's calendar.
import { createEvents, type EventAttributes } from "ics";
import type { PublicMeetingDto } from "@/lib/data/meetings";
import { addDays } from "@/lib/time/geneva";
import { formatGeneva } from "@/lib/present/time";

/** The feeds' stable addresses (public: no sign-in, so calendar applications can fetch them). */
export const CALENDAR_PATH = {
  meeting: (code: string) => `/api/v1/meetings/${encodeURIComponent(code)}/calendar.ics`,
  studyGroup: (code: string) => `/api/v1/study-groups/${encodeURIComponent(code)}/calendar.ics`,
};

/** Where the feed is served: the site's public origin; UIDs end in its host name ("deadline-SG20-2020-07@tracker.example.org"). */
export type CalendarSite = { origin: string };

const PRODUCT_ID = "-//ITU-T contribution tracker//Meeting dates//EN";

/** The fields of the meeting whose change changes each event. */
const DEADLINE_FIELDS = ["deadlineAt"];
const MEETING_FIELDS = ["title", "mode", "location", "firstDay", "lastDay"];

function dateArray(day: string): [number, number, number] {
  const [y, m, d] = day.split("-").map(Number);
  return [y, m, d];
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * How many changes of the history touched these fields (the event's SEQUENCE), and when it was last revised
 * (its LAST-MODIFIED and DTSTAMP: a feed fetched twice without a change is the same, byte for byte).
 */
export function revisionOf(m: Pick<PublicMeetingDto, "changes" | "createdAt">, fields: string[]): { sequence: number; lastModified: number; lastReference: string | null } {
  const touching = m.changes.filter((c) => fields.some((f) => f in c.changes && !same(c.changes[f].from, c.changes[f].to)));
  const lastModified = Math.max(m.createdAt, ...touching.map((c) => c.at));
  return { sequence: touching.length, lastModified, lastReference: touching.at(-1)?.reference ?? null };
}

function uidDomain(site: CalendarSite): string {
  try {
    return new URL(site.origin).hostname || "contribution-tracker";
  } catch {
    return "contribution-tracker";
  }
}

/** The events of one meeting: its contribution deadline, the meeting itself (all day), its related sessions. */
export function meetingEvents(m: PublicMeetingDto, site: CalendarSite): EventAttributes[] {
  const domain = uidDomain(site);
  const url = `${site.origin}/meetings/${encodeURIComponent(m.code)}`;
  const deadline = revisionOf(m, DEADLINE_FIELDS);
  const meeting = revisionOf(m, MEETING_FIELDS);
  const created = m.createdAt;
  // `timestamp` is DTSTAMP; the package's own default would be the machine's clock, not the revision.
  const stamp = (at: number) => ({ timestamp: at, lastModified: at, created }) as Partial<EventAttributes>;
  return [
    {
      uid: `deadline-${m.code}@${domain}`,
      sequence: deadline.sequence,
      ...stamp(deadline.lastModified),
      title: `${m.studyGroup.code}: contribution deadline for ${m.code}`,
      description:
        `Contributions must arrive before ${formatGeneva(m.deadlineAt, { seconds: false })} Geneva time ` +
        `(${new Date(m.deadlineAt).toISOString()}): from this instant a submission is late.` +
        (deadline.lastReference ? ` Deadline as set by ${deadline.lastReference}.` : ""),
      start: m.deadlineAt,
      startInputType: "utc",
      startOutputType: "utc",
      end: m.deadlineAt,
      endInputType: "utc",
      endOutputType: "utc",
      url,
      transp: "TRANSPARENT",
      alarms: [{ action: "display", description: "Contribution deadline in 24 hours", trigger: { hours: 24, before: true } }],
    },
    {
      uid: `meeting-${m.code}@${domain}`,
      sequence: meeting.sequence,
      ...stamp(meeting.lastModified),
      title: m.title,
      description: `${m.studyGroup.code}: ${m.studyGroup.title}. ${m.mode === "virtual" ? "Fully virtual." : m.location}`,
      start: dateArray(m.firstDay),
      end: dateArray(addDays(m.lastDay, 1)), // DTEND of an all-day event is exclusive
      location: m.location,
      url,
    },
    // Sessions are added or removed, never edited: their UID is their row's, and their SEQUENCE stays 0.
    ...m.sessions.map(
      (s): EventAttributes => ({
        uid: `session-${s.id}@${domain}`,
        sequence: 0,
        ...stamp(created),
        title: s.title,
        description: `${m.code}. ${s.note ?? ""}${s.registrationRequired ? " Registration is mandatory." : ""}`.trim(),
        start: s.startsAt,
        startInputType: "utc",
        startOutputType: "utc",
        end: s.endsAt,
        endInputType: "utc",
        endOutputType: "utc",
        url,
      }),
    ),
  ];
}

function calendar(events: EventAttributes[], calName: string): string {
  // No METHOD: this is a published calendar to subscribe to, not a scheduling message; DTSTAMP is then the revision.
  const { error, value } = createEvents(events, { productId: PRODUCT_ID, calName, method: undefined });
  if (error || !value) throw error ?? new Error("calendar could not be built");
  return value;
}

export function meetingCalendar(m: PublicMeetingDto, site: CalendarSite): string {
  return calendar(meetingEvents(m, site), `${m.code} (${m.studyGroup.code})`);
}

export function studyGroupCalendar(group: { code: string; title: string }, meetings: PublicMeetingDto[], site: CalendarSite): string {
  return calendar(
    meetings.flatMap((m) => meetingEvents(m, site)),
    `${group.code} meetings`,
  );
}
