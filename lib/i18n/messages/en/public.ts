// English messages: public (the pages anyone may read without signing in: meetings, their calendars; the demo's sign-in).
export const public_ = {
  "public.notFound.studyGroup": "There is no study group {code}.",
  "public.nav.meetings": "Meetings",
  "public.nav.signIn": "Sign in",

  // The list of meetings
  "public.meetings.metaTitle": "Meetings",
  "public.meetings.heading": "Meetings",
  "public.meetings.intro":
    "Every meeting with its dates, contribution deadline, related sessions and history of changes, as the collective letters announce them. These pages are public; the documents are for signed-in members.",
  "public.meetings.meeting": "Meeting",
  "public.meetings.dates": "Dates",
  "public.meetings.where": "Where",
  "public.meetings.deadline": "Contribution deadline (Geneva time)",
  "public.meetings.state": "Submissions",
  "public.meetings.none": "No meeting has been announced yet.",

  // Calendar feeds
  "public.calendar.heading": "Calendar",
  "public.calendar.intro": "Subscribe once: your calendar application then follows every change, so a deadline moved by a corrigendum moves in your calendar too.",
  "public.calendar.subscribeMeeting": "Subscribe to this meeting's dates",
  "public.calendar.subscribeGroup": "Subscribe to all {code} meetings",
  "public.calendar.download": "download the .ics file",
  "public.calendar.feedUrl": "Feed address:",

  // One meeting, read without signing in
  "public.meeting.signIn": "Sign in to read the meeting's documents.",
  "public.meeting.announced": "Meeting announced",

  // The sign-in page of the demo
  "public.demo.intro": "Choose an account: one click fills in the form and signs in.",
} as const;
