// The reference data is always there; demo accounts exist only in demo mode.
import { afterEach, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { questions, users, meetings, organisations } from "@/db/schema";
import { seedDemo, seedReferenceData } from "@/db/seed";
import { freshEnv, type TestEnv } from "../support/db";

let env: TestEnv | undefined;
afterEach(() => env?.cleanup());

describe("seed", () => {
  it("production mode seeds SG20, its Questions and the July 2020 meeting, and no account at all", async () => {
    env = await freshEnv({ seed: false });
    seedReferenceData(env.db, Date.parse("2020-05-01T00:00:00Z"));
    expect(env.db.select({ n: count() }).from(users).get()?.n).toBe(0);
    expect(env.db.select({ n: count() }).from(organisations).get()?.n).toBe(0);
    const codes = env.db.select({ code: questions.code }).from(questions).all().map((q) => q.code);
    expect(codes).toEqual(["Q1/20", "Q2/20", "Q3/20", "Q4/20", "Q5/20", "Q6/20", "Q7/20"]);
    const m = env.db.select().from(meetings).get();
    expect(m?.code).toBe("SG20-2020-07");
    expect(m?.deadlineAt).toBe(Date.parse("2020-06-23T22:00:00.000Z"));
  });

  it("seeding twice changes nothing", async () => {
    env = await freshEnv({ seed: true });
    await seedDemo(env.db, Date.parse("2020-05-01T00:00:00Z"));
    expect(env.db.select({ n: count() }).from(users).get()?.n).toBe(8);
    expect(env.db.select({ n: count() }).from(meetings).get()?.n).toBe(1);
  });
});
