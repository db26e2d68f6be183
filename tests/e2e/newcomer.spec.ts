// The first ten minutes of someone who has just run `npm run demo`: the sign-in page, one click on a demo account,
// a rapporteur's queue full of contributions, the late report of the closed February meeting with its chart and
// decisions, the public meeting pages without signing in, and the calendar feed fetched anonymously and parsed.
import { expect, test, type Page } from "@playwright/test";
import ICAL from "ical.js";
import { hydrated, setClock, signOut } from "./helpers";

const OPEN = "SG20-2020-07";
const CLOSED = "SG20-2020-02";

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request }) => {
  await setClock(request, "2020-06-23T16:00:00Z"); // the demo's start: 18:00 Geneva, six hours before the cutoff
});

/** Presses Tab until the target has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: ReturnType<Page["locator"]>, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("Tab never reached the target");
}

test("one click on a demo account signs the rapporteur of Q3/20 in, and the queue is full of contributions under review", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Demo accounts" })).toBeVisible();
  await page.getByRole("button", { name: /rapporteur\.q3@sg20\.example/ }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText("Li Wei");

  await page.getByRole("link", { name: "My Questions" }).click();
  await page.getByRole("link", { name: /Q3\/20/ }).first().click();
  await expect(page).toHaveURL(/\/questions\/Q3-20/);
  await expect(page.getByText("No contribution to Q3/20 yet.")).toHaveCount(0);
  const rows = page.locator("table tbody tr");
  expect(await rows.count()).toBeGreaterThanOrEqual(15);
  // The rapporteur's morning: some read and judged, some waiting, from several organisations.
  for (const state of ["In review", "Ready for the meeting", "New"]) await expect(rows.filter({ hasText: state }).first()).toBeVisible();
  await expect(rows.filter({ hasText: "Korea (Republic of)" }).first()).toBeVisible();
  await expect(rows.filter({ hasText: /Rev\.\d/ }).first()).toBeVisible();

  // A reviewed contribution carries the rapporteur's state and comments on its review page.
  await rows.filter({ hasText: "Needs clarification" }).first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/review\/\d+$/);
  await expect(page.getByTestId("comments")).not.toBeEmpty();
  await signOut(page);
});

test("the demo accounts work from the keyboard: Tab to one, Enter, signed in", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await tabTo(page, page.getByRole("button", { name: /tsb\.sg20@secretariat\.example/ }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("signed-in-as")).toContainText("Anna Keller");
  await signOut(page);
});

test("the secretariat opens the closed February meeting's late report: the chart, a decision of every kind, the extension, the refusals", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await page.getByRole("button", { name: /tsb\.sg20@secretariat\.example/ }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText("Anna Keller");

  await page.getByRole("link", { name: "Meetings", exact: true }).click();
  await page.getByRole("row").filter({ hasText: CLOSED }).getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/meetings/${CLOSED}$`));
  await page.getByRole("link", { name: "Late-submission report" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Late-submission report — ${CLOSED}`);

  await expect(page.getByRole("img", { name: /Arrivals per hour, \d+ in all/ })).toBeVisible();
  const summary = page.getByTestId("late-summary");
  await expect(summary).toContainText("2 / 1 / 1 / 1"); // admitted / deferred / reissued as TD / declined
  await expect(page.getByTestId("count-awaiting")).toHaveText("0");
  const decided = page.locator("section", { has: page.locator("#decided-h") });
  await expect(decided.locator("article")).toHaveCount(5);
  for (const outcome of ["Admitted (LATE)", "Deferred", "Reissued as TD", "Declined"]) await expect(decided.locator("article", { hasText: outcome }).first()).toBeVisible();
  await expect(decided).toContainText("TD 1432 (WP2/20)");
  await expect(decided).toContainText(`Deferred to ${OPEN}`);

  const lateDocs = page.locator("section", { has: page.locator("#admitted-h") });
  await expect(lateDocs.locator("tbody tr")).toHaveCount(3); // admitted late, inside the extension, and a late Rev.1
  await expect(page.locator("section", { has: page.locator("#ext-h") })).toContainText("Côte d'Ivoire");
  const refused = page.getByTestId("refused-table");
  await expect(refused).toContainText("Deadline passed");
  await expect(refused).toContainText("Not allowed");
  await signOut(page);
});

test("anyone reads the meetings without signing in: facts, deadline and countdown, sessions, the history in words; documents stay for members", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/meetings");
  await expect(page).toHaveURL(/\/meetings$/);
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  await expect(page.getByTestId("meetings-table").getByRole("row")).toHaveCount(3); // header, July, February

  await page.getByRole("link", { name: "ITU-T Study Group 20 meeting (fully virtual)" }).click();
  await expect(page).toHaveURL(new RegExp(`/meetings/${OPEN}$`));
  await hydrated(page);
  await expect(page.getByTestId("deadline-geneva")).toHaveText("Tue 23 Jun 2020, 23:59:59 CEST (UTC+2)");
  await expect(page.getByTestId("countdown")).toContainText(/^[56] h \d+ min \d+ s left$/);
  await expect(page.getByRole("cell", { name: /JCA-IoT and SC&C meeting/ })).toBeVisible();
  const history = page.getByTestId("meeting-history");
  await expect(history).toContainText("Corrigendum 1 to TSB Collective letter 8/20");
  await expect(history).toContainText("Mode: physical (in person) → fully virtual");
  for (const codeName of ["deadlineAt", "jcaMeeting", "firstDay", "deadlineRule"]) await expect(history).not.toContainText(codeName);
  // No documents here: the link asks to sign in first.
  await expect(page.getByRole("link", { name: "Sign in to read the meeting's documents." })).toBeVisible();
  await expect(page.locator("a[href*='/api/v1/contributions/']")).toHaveCount(0);

  await page.goto(`/meetings/${CLOSED}`);
  const febHistory = page.getByTestId("meeting-history");
  await expect(febHistory).toContainText("Corrigendum 1 to Collective letter 6/20");
  await expect(febHistory.getByTestId("history-line").filter({ hasText: "Contribution deadline" })).toContainText(
    /Contribution deadline: Tue 21 Jan 2020, 23:59:59 CET \(UTC\+1\).*→ Fri 24 Jan 2020, 23:59:59 CET \(UTC\+1\)/,
  );
  await expect(page.getByTestId("window-state")).toHaveText("Closed: the deadline has passed");
  // The documents themselves answer "sign in" to an anonymous reader.
  await page.goto(`/meetings/${CLOSED}/documents`);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await context.close();
});

test("the calendar feed, offered as webcal://, is fetched without a sign-in and parses: the deadline event is the deadline, its SEQUENCE counts the moves", async ({ browser, playwright, baseURL }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/meetings/${OPEN}`);
  const webcal = await page.getByTestId("calendar-meeting").getByTestId("webcal-link").getAttribute("href");
  expect(webcal).toBe(`${baseURL!.replace(/^http:/, "webcal:")}/api/v1/meetings/${OPEN}/calendar.ics`);
  // How often the history moved the deadline: each move is one revision of the deadline event.
  const moves = await page.getByTestId("history-line").filter({ hasText: /^Contribution deadline:/ }).count();
  await context.close();

  // A calendar application: no cookie, no token.
  const anonymous = await playwright.request.newContext({ baseURL });
  const res = await anonymous.get(webcal!.replace(/^webcal:/, "http:"));
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^text\/calendar/);
  const calendar = new ICAL.Component(ICAL.parse(await res.text()));
  const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  const deadline = events.find((e) => e.uid.startsWith(`deadline-${OPEN}@`));
  expect(deadline?.startDate.toJSDate().toISOString()).toBe("2020-06-23T22:00:00.000Z");
  expect(deadline?.sequence).toBe(moves);

  const group = await anonymous.get("/api/v1/study-groups/SG20/calendar.ics");
  expect(group.status()).toBe(200);
  const all = new ICAL.Component(ICAL.parse(await group.text())).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  const february = all.find((e) => e.uid.startsWith(`deadline-${CLOSED}@`));
  expect(february?.startDate.toJSDate().toISOString()).toBe("2020-01-24T23:00:00.000Z"); // moved by Corrigendum 1
  expect(february?.sequence).toBe(1);
  expect(all.some((e) => e.uid === deadline?.uid)).toBe(true);
  await anonymous.dispose();
});
