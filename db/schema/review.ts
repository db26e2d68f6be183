// Review by the rapporteurs: a contribution's review state, comments, and each rapporteur's last visit to a Question.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { REVIEW_STATES } from "../../lib/domain/enums";
import { instant } from "./columns";
import { contributions, contributionVersions } from "./contributions";
import { users } from "./people";
import { questions } from "./structure";

export const reviews = sqliteTable("reviews", {
  contributionId: integer("contribution_id").primaryKey().references(() => contributions.id),
  state: text("state", { enum: REVIEW_STATES }).notNull(),
  reviewedVersionId: integer("reviewed_version_id").references(() => contributionVersions.id),
  updatedByUserId: integer("updated_by_user_id").notNull().references(() => users.id),
  updatedAt: instant("updated_at").notNull(),
});

export const comments = sqliteTable(
  "comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contributionId: integer("contribution_id").notNull().references(() => contributions.id),
    authorUserId: integer("author_user_id").notNull().references(() => users.id),
    body: text("body").notNull(),
    sharedWithSubmitter: integer("shared_with_submitter", { mode: "boolean" }).notNull().default(false),
    createdAt: instant("created_at").notNull(),
  },
  (t) => [index("comments_contribution_idx").on(t.contributionId, t.createdAt)],
);

export const questionVisits = sqliteTable(
  "question_visits",
  {
    userId: integer("user_id").notNull().references(() => users.id),
    questionId: integer("question_id").notNull().references(() => questions.id),
    visitedAt: instant("visited_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.questionId] })],
);
