// A meeting's important dates as an iCalendar feed: instants in UTC (unambiguous in every calendar program).
import { createEvents, type EventAttributes } from "ics";
import type { MeetingDetailDto } from "@/lib/data/meetings";
import { addDays } from "@/lib/time/geneva";
import { formatGeneva } from "@/lib/present/time";

function dateArray(day: string): [number, number, number] {
  const [y, m, d] = day.split("-").map(Number);
  return [y, m, d];
}

export function meetingCalendar(m: MeetingDetailDto, origin: string): string {
  const base = { productId: "itu-t-contribution-tracker", calName: `${m.studyGroup.code} ${m.code}` };
  const url = `${origin}/meetings/${m.code}`;
  const events: EventAttributes[] = [
    {
      uid: `deadline-${m.code}@contribution-tracker`,
      title: `${m.studyGroup.code}: contribution deadline for ${m.code}`,
      description:
        `Contributions must arrive before ${formatGeneva(m.deadlineAt, { seconds: false })} Geneva time ` +
        `(${new Date(m.deadlineAt).toISOString()}). From this instant a submission is late.`,
      start: m.deadlineAt,
      startInputType: "utc",
      startOutputType: "utc",
      end: m.deadlineAt,
      endInputType: "utc",
      endOutputType: "utc",
      url,
      alarms: [{ action: "display", description: "Contribution deadline in 24 hours", trigger: { hours: 24, before: true } }],
    },
    {
      uid: `meeting-${m.code}@contribution-tracker`,
      title: m.title,
      description: `${m.studyGroup.code}: ${m.studyGroup.title}. ${m.mode === "virtual" ? "Fully virtual." : m.location}`,
      start: dateArray(m.firstDay),
      end: dateArray(addDays(m.lastDay, 1)), // DTEND of an all-day event is exclusive
      location: m.location,
      url,
    },
    ...m.sessions.map(
      (s, i): EventAttributes => ({
        uid: `session-${m.code}-${i}-${s.startsAt}@contribution-tracker`,
        title: s.title,
        description: `${s.note ?? ""}${s.registrationRequired ? " Registration is mandatory." : ""}`.trim(),
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
  const { error, value } = createEvents(events, base);
  if (error || !value) throw error ?? new Error("calendar could not be built");
  return value;
}
