// The ITU-T's standing structure: study groups, study periods, working parties and Questions.
import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const studyGroups = sqliteTable("study_groups", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  number: integer("number").notNull().unique(), // 20
  code: text("code").notNull().unique(), // "SG20"
  title: text("title").notNull(),
  email: text("email"),
});

export const studyPeriods = sqliteTable("study_periods", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  code: text("code").notNull().unique(), // "T17": the prefix of file references
  label: text("label").notNull(), // "2017-2020"
  firstYear: integer("first_year").notNull(),
  lastYear: integer("last_year").notNull(),
});

export const workingParties = sqliteTable("working_parties", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  studyGroupId: integer("study_group_id").notNull().references(() => studyGroups.id),
  studyPeriodId: integer("study_period_id").notNull().references(() => studyPeriods.id),
  code: text("code").notNull(), // "WP1/20"
  title: text("title").notNull(),
});

export const questions = sqliteTable(
  "questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    studyGroupId: integer("study_group_id").notNull().references(() => studyGroups.id),
    studyPeriodId: integer("study_period_id").notNull().references(() => studyPeriods.id),
    workingPartyId: integer("working_party_id").references(() => workingParties.id),
    number: integer("number").notNull(),
    code: text("code").notNull(), // "Q3/20"
    title: text("title").notNull(),
  },
  (t) => [uniqueIndex("questions_code_uq").on(t.studyPeriodId, t.code)],
);
