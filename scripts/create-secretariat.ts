// Creates the first secretariat account of a study group in production: npm run create-secretariat -- --email x --name "…" --group 20
import path from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { openDb } from "../db/client";
import { secretariatAssignments, studyGroups, users } from "../db/schema";
import { seedReferenceData } from "../db/seed";
import { now } from "../lib/time/clock";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../lib/auth/passwords";
import { settings } from "../lib/config/settings";

async function main() {
  const { values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, group: { type: "string", default: "20" } },
  });
  const password = process.env.NEW_PASSWORD ?? "";
  if (!values.email || !values.name) throw new Error('Usage: NEW_PASSWORD=… npm run create-secretariat -- --email tsb@itu.int --name "Name" --group 20');
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`Set NEW_PASSWORD to at least ${MIN_PASSWORD_LENGTH} characters.`);
  const db = openDb(path.join(settings().dataDir, "tracker.db"));
  seedReferenceData(db, now());
  const group = db.select().from(studyGroups).where(eq(studyGroups.number, Number(values.group))).get();
  if (!group) throw new Error(`There is no study group ${values.group}.`);
  const user = db
    .insert(users)
    .values({ email: values.email.toLowerCase(), name: values.name, passwordHash: await hashPassword(password), createdAt: now() })
    .returning()
    .get();
  db.insert(secretariatAssignments).values({ userId: user.id, studyGroupId: group.id, title: "Counsellor" }).run();
  console.log(`Created ${user.email}, secretariat of ${group.code}.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
