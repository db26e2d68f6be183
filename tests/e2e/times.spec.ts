// Times as the user sees them: the countdown follows the server's clock whatever the browser's clock says,
// a Russian-speaking member's submission and receipt are in Russian with the Geneva time and its zone, and
// the rapporteur's queue, the review page, the meeting's documents and the secretariat's confirmation of a
// password link give the viewer's own time beside Geneva's.
import { expect, test, type APIRequestContext, type Locator } from "@playwright/test";
import { DEMO_PASSWORD } from "../../lib/config/demo";
import { makePdf } from "../support/make-docx";
import { apiToken, hydrated, setClock, signIn, submitByApi } from "./helpers";

const MEETING = "SG20-2020-07";
const HOUR = 3_600_000;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request }) => {
  await setClock(request, "2020-06-23T16:00:00Z"); // 18:00 Geneva, six hours before the cutoff
});

async function serverNow(request: APIRequestContext): Promise<number> {
  const res = await request.get("/api/v1/clock");
  expect(res.status()).toBe(200);
  return (await res.json()).nowMs;
}

async function meetingDeadline(request: APIRequestContext): Promise<number> {
  const bearer = await apiToken(request, "delegate@telco.example", "e2e times");
  const res = await request.get(`/api/v1/meetings/${MEETING}`, { headers: { authorization: `Bearer ${bearer}` } });
  expect(res.status()).toBe(200);
  return Date.parse((await res.json()).deadline);
}

for (const shiftHours of [-5, +9]) {
  test(`the countdown shows the server's remaining time with the browser clock ${shiftHours > 0 ? "+" : ""}${shiftHours} h off`, async ({ page, request }) => {
    const deadline = await meetingDeadline(request);
    await page.clock.install({ time: (await serverNow(request)) + shiftHours * HOUR });
    await signIn(page, "delegate@telco.example");
    await page.goto(`/meetings/${MEETING}/submit`);
    await hydrated(page);
    const countdown = page.getByTestId("countdown");
    await expect(countdown).toBeVisible();
    // Let it resynchronise with the server (it does so on mount) and tick at least once.
    await page.waitForTimeout(2_500);
    const shown = Number(await countdown.getAttribute("data-ms-left"));
    const expected = deadline - (await serverNow(request));
    expect(Math.abs(shown - expected), `shown ${shown} ms, server says ${expected} ms`).toBeLessThanOrEqual(5_000);
    // About six hours, not six hours shifted by the browser's clock.
    await expect(countdown).toContainText(/\b[56] h\b/);
  });
}

test("after the laptop sleeps, the countdown is right again as soon as the page is seen, focused or back online", async ({ page, request }) => {
  const deadline = await meetingDeadline(request);
  const start = await serverNow(request);
  // Playwright's clock drives the page's Date, timers and performance.now(): pausing it is the sleep.
  await page.clock.install({ time: start });
  await signIn(page, "delegate@telco.example");
  await page.goto(`/meetings/${MEETING}/submit`);
  await hydrated(page);
  const countdown = page.getByTestId("countdown");
  const shown = async () => Number(await countdown.getAttribute("data-ms-left"));
  const expectRight = async () => {
    const expected = deadline - (await serverNow(request));
    await expect.poll(async () => Math.abs((await shown()) - expected), { timeout: 5_000 }).toBeLessThanOrEqual(5_000);
  };
  await expectRight();
  const wakeUps: Array<[string, () => Promise<void>]> = [
    ["visibilitychange", () => page.evaluate(() => void document.dispatchEvent(new Event("visibilitychange")))],
    ["focus", () => page.evaluate(() => void window.dispatchEvent(new Event("focus")))],
    ["online", () => page.evaluate(() => void window.dispatchEvent(new Event("online")))],
  ];
  try {
    for (const [event, wake] of wakeUps) {
      const before = await shown();
      // The laptop sleeps for an hour: the page's clocks stand still while the server's runs on.
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
      await setClock(request, new Date((await serverNow(request)) + HOUR).toISOString());
      await page.clock.resume();
      await page.waitForTimeout(1_500);
      // Still counting from before the sleep: an hour too much.
      expect(Math.abs((await shown()) - before), `before ${event}`).toBeLessThan(10_000);
      await wake();
      await expectRight();
      expect(before - (await shown()), `after ${event}`).toBeGreaterThan(HOUR - 10_000);
    }
  } finally {
    await setClock(request, new Date(start).toISOString());
  }
});

test("a Russian-speaking member submits: Russian labels, and the receipt shows the Geneva time in CEST (UTC+2)", async ({ browser }) => {
  const context = await browser.newContext({ locale: "ru-RU", extraHTTPHeaders: { "accept-language": "ru-RU,ru;q=0.9" } });
  const page = await context.newPage();
  await page.goto("/login");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Вход в систему");
  await page.getByLabel("Электронная почта").fill("delegate@university.example");
  await page.getByLabel("Пароль").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  await page.goto(`/meetings/${MEETING}/submit`);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Представить вклад");
  await page.getByLabel("Файл документа").setInputFiles({ name: "gorod.pdf", mimeType: "application/pdf", buffer: makePdf("city data") });
  await expect(page.getByRole("group", { name: "Вопрос(ы)" })).toBeVisible();
  await page.getByLabel(/^Q3\/20 — /).check();
  await page.getByLabel("Название", { exact: true }).fill("Платформы данных умного города");
  const purpose = page.getByLabel("Цель", { exact: true });
  await expect(purpose.locator("option", { hasText: "Предложение" })).toHaveCount(1);
  await purpose.selectOption("Proposal");
  await page.getByRole("button", { name: "Представить вклад" }).click();

  await expect(page).toHaveURL(/\/contributions\/\d+\/receipt/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Квитанция");
  await expect(page.getByTestId("receipt-late")).toHaveText("В срок");
  await expect(page.getByTestId("receipt-received-geneva")).toContainText("CEST (UTC+2)");
  await expect(page.getByTestId("receipt-received-geneva")).toContainText(/18:\d\d:\d\d/);
  await context.close();
});

test.describe("the viewer's own time beside Geneva time, with the browser in Tokyo", () => {
  let title: string;

  test.beforeAll(async ({ request }) => {
    await setClock(request, "2020-06-23T16:00:00Z"); // 18:00 Geneva, 01:00 the next day in Tokyo
    const bearer = await apiToken(request, "delegate@university.example", "e2e local times");
    title = `Sensor time stamps across zones ${Date.now() % 100000}`;
    const res = await submitByApi(request, bearer, title, { fileName: "zones.pdf" });
    expect(res.status()).toBe(201);
  });

  /** The Geneva time of the receipt, and beside it the same instant in Tokyo: the next day, seven hours on. */
  async function expectGenevaAndTokyo(where: Locator) {
    const geneva = where.getByTestId("when-geneva").first();
    await expect(geneva).toContainText(/^Tue 23 Jun 2020, 18:\d\d(:\d\d)? CEST \(UTC\+2\)$/);
    const minutes = /18:(\d\d)/.exec((await geneva.textContent()) ?? "")![1];
    await expect(where.getByTestId("local-time").first()).toHaveText(new RegExp(`^your time: Wed,? 24 Jun 2020,? 01:${minutes} GMT\\+9 \\(Asia/Tokyo\\)$`));
  }

  test("the rapporteur's queue and the review page", async ({ browser }) => {
    const context = await browser.newContext({ timezoneId: "Asia/Tokyo" });
    const page = await context.newPage();
    await signIn(page, "rapporteur.q3@sg20.example");
    await page.goto("/questions/Q3-20");
    await hydrated(page);
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: title }) });
    await expectGenevaAndTokyo(row);

    await row.getByRole("link", { name: title }).click();
    await expect(page).toHaveURL(/\/review\/\d+/);
    await hydrated(page);
    await expectGenevaAndTokyo(page.getByTestId("versions"));
    await expectGenevaAndTokyo(page.getByTestId("history"));
    await context.close();
  });

  test("the secretariat's confirmation of a new password link", async ({ browser }) => {
    const context = await browser.newContext({ timezoneId: "Asia/Tokyo" });
    const page = await context.newPage();
    await signIn(page, "tsb.sg20@secretariat.example");
    await page.goto("/secretariat/accounts");
    await page.getByRole("row").filter({ hasText: "delegate@university.example" }).getByRole("link", { name: "Kenji Tanaka" }).click();
    await expect(page).toHaveURL(/\/secretariat\/accounts\/\d+$/);
    await hydrated(page);
    const form = page.getByTestId("password-link-form");
    await form.getByRole("button", { name: "Send a password link" }).click();
    // Valid 48 hours: Thursday evening in Geneva is already Friday in Tokyo.
    const status = form.getByRole("status");
    await expect(status).toContainText(/e-mailed to delegate@university\.example\. One-time password link: http:\/\/\S+\/reset-password\/\S+ — valid until Thu 25 Jun 2020, 18:\d\d CEST \(UTC\+2\), Geneva time/);
    const minutes = /valid until Thu 25 Jun 2020, 18:(\d\d)/.exec((await status.textContent()) ?? "")![1];
    await expect(status.getByTestId("local-time")).toHaveText(new RegExp(`^your time: Fri,? 26 Jun 2020,? 01:${minutes} GMT\\+9 \\(Asia/Tokyo\\)$`));
    await context.close();
  });

  test("the meeting's documents", async ({ browser }) => {
    const context = await browser.newContext({ timezoneId: "Asia/Tokyo" });
    const page = await context.newPage();
    await signIn(page, "delegate@telco.example");
    // The list comes 50 at a time by number, and the demo's meeting holds 80 before this one: all on one page.
    await page.goto(`/meetings/${MEETING}/documents?pageSize=500`);
    await hydrated(page);
    await expectGenevaAndTokyo(page.getByRole("row").filter({ hasText: title }));
    await context.close();
  });
});
