// The meetings' paths: a meeting and its deadline, the meetings as calendar feeds, and the server's clock that
// deadlines are judged by.
import * as clockRoute from "@/app/api/v1/clock/route";
import * as meetingCalendarRoute from "@/app/api/v1/meetings/[code]/calendar.ics/route";
import * as meetingRoute from "@/app/api/v1/meetings/[code]/route";
import * as groupCalendarRoute from "@/app/api/v1/study-groups/[group]/calendar.ics/route";
import type { ApiPath } from "@/lib/http/openapi";
import { errorResponse } from "@/lib/http/openapi-errors";
import { jsonContent, ref } from "@/lib/http/openapi-json";
import { meetingCode } from "./shared";

const calendarDescription =
  "No sign-in: a calendar application subscribes to it (also as `webcal://`). Each event has a stable UID " +
  "(`deadline-{code}@{host}`, `meeting-{code}@{host}`, `session-{id}@{host}`) and a SEQUENCE that counts the changes " +
  "of the meeting's history that touched it, so a deadline moved by a corrigendum updates the subscriber's event. " +
  "The deadline event starts at the deadline instant (the first late instant), in UTC. Answers carry an ETag; `If-None-Match` gets 304.";

const calendarResponses = {
  "200": { description: "An iCalendar feed (RFC 5545).", content: { "text/calendar": { schema: { type: "string" } } } },
  "304": { description: "Not modified since the ETag sent in If-None-Match." },
};

export const clockPath: ApiPath = {
  path: "/clock",
  module: clockRoute,
  operations: {
    GET: { tags: ["clock"], summary: "The server's time", description: "Count down from this, not from the client's clock. Public.", operationId: "getClock", responses: { "200": jsonContent(ref("Clock"), "The server's current instant.") } },
    PUT: {
      tags: ["clock"],
      summary: "Move the simulated clock (demo only, secretariat)",
      operationId: "setClock",
      body: "The instant to move to, ISO 8601 with its offset, e.g. `2020-06-23T21:59:00Z`.",
      responses: { "200": jsonContent(ref("Clock"), "The clock after the move."), "404": errorResponse("The server runs on the real clock: this control does not exist.", ["not_available"]) },
    },
  },
};

export const meetingPath: ApiPath = {
  path: "/meetings/{code}",
  module: meetingRoute,
  operations: {
    GET: { tags: ["meetings"], summary: "A meeting, its deadline, related sessions and history", operationId: "getMeeting", parameters: meetingCode, responses: { "200": jsonContent(ref("Meeting"), "The meeting.") } },
    PATCH: {
      tags: ["secretariat"],
      summary: "Change a meeting's facts (secretariat), e.g. after a corrigendum",
      description:
        "Only the fields given change; `reason` and `reference` are kept in the meeting's history. `deadline` is the new first late instant with its offset, or `default` (13 days before the first day, end of day in Geneva). Lateness is re-judged at once against the new deadline.",
      operationId: "updateMeeting",
      parameters: meetingCode,
      responses: { "200": jsonContent({ type: "object", properties: { changed: { type: "array", items: { type: "string" } }, meeting: ref("Meeting") } }, "What changed, and the meeting now.") },
    },
  },
};

export const meetingCalendarPath: ApiPath = {
  path: "/meetings/{code}/calendar.ics",
  module: meetingCalendarRoute,
  operations: {
    GET: { tags: ["meetings"], summary: "The meeting, its deadline and related sessions as an iCalendar feed (public)", description: calendarDescription, operationId: "getMeetingCalendar", parameters: meetingCode, responses: calendarResponses },
  },
};

export const groupCalendarPath: ApiPath = {
  path: "/study-groups/{group}/calendar.ics",
  module: groupCalendarRoute,
  operations: {
    GET: {
      tags: ["meetings"],
      summary: "Every meeting of a study group as one iCalendar feed (public)",
      description: calendarDescription,
      operationId: "getStudyGroupCalendar",
      parameters: { group: { description: "A study group's code, any case.", example: "SG20" } },
      responses: calendarResponses,
    },
  },
};
