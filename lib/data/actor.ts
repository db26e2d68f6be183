// Loads the acting user (roles and scope) from the database: the session and API tokens carry only a user id and its session version.
import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type DB } from "@/db/client";
import { organisations, questions, rapporteurAssignments, secretariatAssignments, studyGroups, users } from "@/db/schema";
import { prepared } from "@/lib/data/prepared";
import { rolesOf, type Actor } from "@/lib/auth/permissions";

const userById = prepared((db) => db.select().from(users).where(eq(users.id, sql.placeholder("id"))).prepare());

const organisationById = prepared((db) =>
  db
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
    .where(eq(organisations.id, sql.placeholder("id")))
    .prepare(),
);

const rapporteurQuestionsOf = prepared((db) =>
  db
    .select({ id: rapporteurAssignments.questionId })
    .from(rapporteurAssignments)
    .innerJoin(questions, eq(questions.id, rapporteurAssignments.questionId))
    .where(eq(rapporteurAssignments.userId, sql.placeholder("userId")))
    .prepare(),
);

const secretariatGroupsOf = prepared((db) =>
  db.select({ id: secretariatAssignments.studyGroupId }).from(secretariatAssignments).where(eq(secretariatAssignments.userId, sql.placeholder("userId"))).prepare(),
);

/** The actor for a user id, or null when the account does not exist, is deactivated, or awaits approval. */
export function loadActor(userId: number, db: DB = getDb()): Actor | null {
  const row = userById(db).get({ id: userId });
  if (!row || !row.active || row.pendingSince !== null) return null;
  return actorOf(row, db);
}

/**
 * The actor of a session or an API token: null also when the credential was issued before the
 * account's last password change, reset or deactivation (its session version is older), or while
 * the account awaits approval.
 */
export function loadSessionActor(userId: number, sessionVersion: number, db: DB = getDb()): Actor | null {
  if (!Number.isInteger(userId) || userId <= 0 || !Number.isInteger(sessionVersion)) return null;
  const row = userById(db).get({ id: userId });
  if (!row || !row.active || row.pendingSince !== null || row.sessionVersion !== sessionVersion) return null;
  return actorOf(row, db);
}

function actorOf(row: typeof users.$inferSelect, db: DB): Actor {
  const userId = row.id;
  const org = row.organisationId ? organisationById(db).get({ id: row.organisationId }) : undefined;
  const rapporteurQuestionIds = rapporteurQuestionsOf(db)
    .all({ userId })
    .map((r) => r.id);
  const secretariatGroupIds = secretariatGroupsOf(db)
    .all({ userId })
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
    sessionVersion: row.sessionVersion,
  };
}
