// The Questions of a meeting's study group in its study period, for the submission form's checkboxes.
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { meetings, questions, workingParties } from "@/db/schema";
import { hasPermission, type Actor } from "@/lib/auth/permissions";

export type QuestionDto = { code: string; title: string; workingParty: string | null };

/** Every Question a contribution to this meeting may address, in number order; empty for an unknown meeting. */
export function listMeetingQuestions(actor: Actor, meetingCode: string): QuestionDto[] {
  if (!hasPermission(actor, "meeting.read")) return [];
  const db = getDb();
  const meeting = db
    .select({ studyGroupId: meetings.studyGroupId, studyPeriodId: meetings.studyPeriodId })
    .from(meetings)
    .where(eq(meetings.code, meetingCode))
    .get();
  if (!meeting) return [];
  return db
    .select({ code: questions.code, title: questions.title, workingParty: workingParties.code })
    .from(questions)
    .leftJoin(workingParties, eq(workingParties.id, questions.workingPartyId))
    .where(and(eq(questions.studyGroupId, meeting.studyGroupId), eq(questions.studyPeriodId, meeting.studyPeriodId)))
    .orderBy(asc(questions.number))
    .all();
}
