// The banner's clock form and the account page's token form parse their input with the API's schemas (PUT /clock's
// clockBody, POST /tokens' label): what one refuses the other refuses in the same words, and what one accepts the
// other does the same with.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as clockRoute from "@/app/api/v1/clock/route";
import * as tokensRoute from "@/app/api/v1/tokens/route";
import { apiTokens } from "@/db/schema";
import { DEMO_PASSWORD } from "@/lib/config/demo";
import { now, pinClock } from "@/lib/time/clock";
import { freshEnv, SG20_DEADLINE, type TestEnv } from "../support/db";
import { jsonOf, ORIGIN, SECRETARIAT, tokenFor, userIdOf } from "../support/api";
import { form } from "../support/action-request";

const request = vi.hoisted(() => ({ userId: null as number | null, acceptLanguage: "en" }));

vi.mock("@/lib/auth/session", () => import("../support/action-request").then((m) => m.sessionModule(request)));
vi.mock("next/headers", () => import("../support/action-request").then((m) => m.headersModule(request)));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { setClockAction } = await import("@/app/actions");
const { createTokenAction } = await import("@/app/account/actions");

let env: TestEnv;
let token: string;

function putClock(body: unknown) {
  return clockRoute.PUT(
    new Request(`${ORIGIN}/api/v1/clock`, { method: "PUT", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) }),
  );
}

function postToken(label: unknown) {
  return tokensRoute.POST(
    new Request(`${ORIGIN}/api/v1/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: SECRETARIAT, password: DEMO_PASSWORD, label }) }),
  );
}

beforeAll(async () => {
  env = await freshEnv();
  token = await tokenFor(SECRETARIAT);
  request.userId = userIdOf(env, SECRETARIAT);
});

afterAll(() => env.cleanup());

describe("the clock: the banner's form and PUT /clock", () => {
  it("move the clock to the same instant: the form's Geneva wall time is the API's ISO instant", async () => {
    const byForm = await setClockAction({}, form({ at: "2020-06-23T23:59" }));
    expect(byForm).toEqual({ message: expect.any(String) });
    // 23:59 in Geneva in summer is 21:59 UTC, one minute before the deadline's 22:00 UTC.
    expect(now()).toBe(SG20_DEADLINE - 60_000);
    const byApi = await putClock({ now: "2020-06-23T21:59:00Z" });
    expect(byApi.status).toBe(200);
    expect((await jsonOf(byApi)).nowMs).toBe(SG20_DEADLINE - 60_000);
    const preset = await setClockAction({}, form({ preset: String(SG20_DEADLINE) }));
    expect(preset.error).toBeUndefined();
    expect(now()).toBe(SG20_DEADLINE);
  });

  it("refuse what names no instant, and leave the clock where it was", async () => {
    pinClock(SG20_DEADLINE);
    expect((await setClockAction({}, form({ at: "2020-02-30T10:00" }))).error).toMatch(/date and time in Geneva time, e\.g\./);
    expect((await setClockAction({}, form({ preset: "soon" }))).error).toMatch(/date and time in Geneva time, e\.g\./);
    expect((await setClockAction({}, form({}))).error).toBe("Give a date and time in Geneva time.");
    expect((await putClock({ now: "2020-02-30T10:00:00Z" })).status).toBe(422);
    // Out of the demo's years: the data layer's rule, in the same words for both.
    const farByForm = await setClockAction({}, form({ preset: "1e20" }));
    const farByApi = await putClock({ now: "9999-12-31T23:59:59Z" });
    expect(farByForm.error).toMatch(/years 2000 to 2099/);
    expect([farByApi.status, (await jsonOf(farByApi)).message]).toEqual([422, farByForm.error]);
    expect(now()).toBe(SG20_DEADLINE);
  });
});

describe("a token's label: the account page's form and POST /tokens", () => {
  it("refuse a missing and a 101-character label in the same words", async () => {
    for (const label of ["", "   ", "x".repeat(101)]) {
      const byForm = await createTokenAction({}, form({ label }));
      const byApi = await postToken(label);
      expect(byApi.status, JSON.stringify(label)).toBe(422);
      const body = await jsonOf(byApi);
      expect(byForm.token).toBeUndefined();
      expect(byForm.fieldError).toBeTruthy();
      expect(body.fields.label, JSON.stringify(label)).toBe(byForm.fieldError);
    }
  });

  it("accept 100 characters, trimmed, in both", async () => {
    const label = ` ${"y".repeat(100)} `;
    const byForm = await createTokenAction({}, form({ label }));
    expect(byForm).toMatchObject({ token: expect.stringMatching(/^ctk_/), label: "y".repeat(100) });
    const byApi = await postToken(label);
    expect(byApi.status).toBe(201);
    const issued = await jsonOf(byApi);
    expect(env.db.select().from(apiTokens).where(eq(apiTokens.id, issued.id)).get()?.label).toBe("y".repeat(100));
  });
});
