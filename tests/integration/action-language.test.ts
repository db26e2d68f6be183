// The secretariat's forms answer in the reader's language: a server action's error and each field's message come
// back in Russian for a Russian reader, in English for an English one, never the data layer's English `fields`.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { MEETING_MODES } from "@/lib/domain";
import { loadActor } from "@/lib/data/actor";
import { setPreferences } from "@/lib/data/preferences";
import { freshEnv, type TestEnv } from "../support/db";
import { SECRETARIAT, TELCO } from "../support/api";
import { form } from "../support/action-request";

// The request around the action: who is signed in, and what the browser asks for.
const request = vi.hoisted(() => ({ userId: null as number | null, acceptLanguage: "en" }));

vi.mock("@/lib/auth/session", () => import("../support/action-request").then((m) => m.sessionModule(request)));
vi.mock("next/headers", () => import("../support/action-request").then((m) => m.headersModule(request)));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { createAccountAction } = await import("@/app/secretariat/accounts/actions");
const { createMeetingAction } = await import("@/app/secretariat/meetings/actions");

let env: TestEnv;

function userIdOf(email: string): number {
  const row = env.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (!row) throw new Error(`no demo account ${email}`);
  return row.id;
}

/** The secretariat, reading in `locale` (the account's saved language wins over the browser's). */
function readerIn(locale: "en" | "ru") {
  request.userId = userIdOf(SECRETARIAT);
  request.acceptLanguage = "en-GB,en;q=0.9";
  const actor = loadActor(request.userId);
  if (!actor) throw new Error("the secretariat account cannot sign in");
  expect(setPreferences(actor, { locale })).toMatchObject({ ok: true });
}

const MEETING_FORM = {
  code: "bad code",
  title: "SG20 next meeting",
  studyGroupCode: "SG20",
  studyPeriodCode: "2017-2020",
  mode: "virtual",
  location: "",
  firstDay: "2021-01-11",
  lastDay: "2021-01-20",
  timeZone: "Mars/Olympus_Mons",
  reference: "Collective letter 9/20",
};

beforeAll(async () => {
  env = await freshEnv();
});

afterAll(() => env.cleanup());

beforeEach(() => {
  request.userId = null;
});

describe("a secretariat action's field errors", () => {
  it("come back in Russian for a Russian reader", async () => {
    readerIn("ru");
    const state = await createAccountAction({}, form({ email: TELCO, name: "Иван Петров" }));
    expect(state.message).toBeUndefined();
    expect(state.fields).toEqual({ email: `Учетная запись с адресом ${TELCO} уже существует.` });
    expect(state.error).toBe(`Проверьте поля: Учетная запись с адресом ${TELCO} уже существует.`);
  });

  it("come back in English for an English reader", async () => {
    readerIn("en");
    const state = await createAccountAction({}, form({ email: TELCO, name: "Someone Else" }));
    expect(state.fields).toEqual({ email: `There is already an account with the e-mail ${TELCO}.` });
    expect(state.error).toBe(`Some fields need your attention: There is already an account with the e-mail ${TELCO}.`);
  });

  it("of a new meeting are in Russian too, every field of them", async () => {
    readerIn("ru");
    const state = await createMeetingAction({}, form(MEETING_FORM));
    expect(state.fields).toMatchObject({
      code: "Код вида SG20-2021-01 (заглавные латинские буквы, цифры, дефисы).",
      timeZone: "Часовой пояс IANA, например Europe/Zurich.",
    });
    expect(state.error).toMatch(/^Проверьте поля: /);
    for (const text of Object.values(state.fields ?? {})) expect(text).toMatch(/[А-Яа-яЁё]/);
  });

  it("and a form that does not even parse is explained in Russian, not in zod's English", async () => {
    readerIn("ru");
    const state = await createMeetingAction({}, form({ ...MEETING_FORM, code: "SG20-2021-01", mode: "underwater" }));
    // Parsed with the same schema as the API's body, every field's reason is listed, as the data layer's are.
    expect(state.fields).toEqual({ mode: `Одно из: ${MEETING_MODES.join(", ")}.`, timeZone: "Часовой пояс IANA, например Europe/Zurich." });
    expect(state.error).toBe(`Проверьте поля: Одно из: ${MEETING_MODES.join(", ")}. Часовой пояс IANA, например Europe/Zurich.`);
  });
});
