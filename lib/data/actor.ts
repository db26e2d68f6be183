// Loads the acting user (roles and scope) from the database: the session and API tokens carry only a user id.
import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type DB } from "@/db/client";
import { organisations, questions, rapporteurAssignments, secretariatAssignments, studyGroups, users } from "@/db/schema";
import { rolesOf, type Actor } from "@/lib/permissions";

/** The actor for a user id, or null when the account does not exist or is deactivated. */
export function loadActor(userId: number, db: DB = getDb()): Actor | null {
  const row = db.select().from(users).where(eq(users.id, userId)).get();
  if (!row || !row.active) return null;
  const org = row.organisationId
    ? db
        .select({
          id: organisations.id,
          name: organisations.name,
          country: organisations.country,
          memberType: organisations.memberType,
          associateStudyGroupId: organisations.associateStudyGroupId,
          associateStudyGroupCode: studyGroups.code,
        })
        .from(organisations)
        .leftJoin(studyGroups, eq(studyGroups.id, organisations.associateStudyGroupId))
        .where(eq(organisations.id, row.organisationId))
        .get()
    : undefined;
  const rapporteurQuestionIds = db
    .select({ id: rapporteurAssignments.questionId })
    .from(rapporteurAssignments)
    .innerJoin(questions, eq(questions.id, rapporteurAssignments.questionId))
    .where(eq(rapporteurAssignments.userId, userId))
    .all()
    .map((r) => r.id);
  const secretariatGroupIds = db
    .select({ id: secretariatAssignments.studyGroupId })
    .from(secretariatAssignments)
    .where(eq(secretariatAssignments.userId, userId))
    .all()
    .map((r) => r.id);
  return {
    userId: row.id,
    email: row.email,
    name: row.name,
    phone: row.phone,
    organisation: org ?? null,
    rapporteurQuestionIds,
    secretariatGroupIds,
    roles: rolesOf({ organisationId: row.organisationId, rapporteurQuestionIds, secretariatGroupIds }),
    locale: row.locale,
    timeZone: row.timeZone,
  };
}
