// Each role signs in through the real form and sees the meeting, the deadline in Geneva time and the countdown.
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../lib/config/demo";
import { hydrated, setClock, signIn, signOut } from "./helpers";

test.beforeAll(async ({ request }) => {
  await setClock(request, "2020-06-23T16:00:00Z"); // 18:00 Geneva, six hours before the cutoff
});

for (const account of DEMO_ACCOUNTS) {
  test(`${account.role} signs in and sees the deadline and the countdown`, async ({ page }) => {
    await signIn(page, account.email);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
    await expect(page.getByTestId("sim-banner")).toContainText("Simulated time");
    await expect(page.getByTestId("deadline-geneva")).toHaveText("Tue 23 Jun 2020, 23:59:59 CEST (UTC+2)");
    await expect(page.getByTestId("local-time").first()).toBeVisible();
    const countdown = page.getByTestId("countdown");
    await expect(countdown).toContainText(/^[56] h \d+ min \d+ s left$/);
    // It counts down: a second later the time left is smaller.
    const before = Number(await countdown.getAttribute("data-ms-left"));
    await page.waitForTimeout(1500);
    const after = Number(await countdown.getAttribute("data-ms-left"));
    expect(after).toBeLessThan(before);
    await signOut(page);
  });
}

test("a wrong password shows an error and does not sign in", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("E-mail").fill("delegate@telco.example");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("The e-mail address or the password is not right.");
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("an unknown e-mail gets the very same message", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("E-mail").fill("nobody@nowhere.example");
  await page.getByLabel("Password").fill("whatever-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("The e-mail address or the password is not right.");
});

test("the sign-in page lists the demo accounts", async ({ page }) => {
  await page.goto("/login");
  for (const account of DEMO_ACCOUNTS) await expect(page.getByText(account.email, { exact: true })).toBeVisible();
});

test("the secretariat moves the simulated clock past the cutoff from the banner", async ({ page, request }) => {
  await signIn(page, "tsb.sg20@secretariat.example");
  await page.getByRole("button", { name: "1 min after" }).click();
  await expect(page.getByTestId("window-state")).toHaveText("Closed: the deadline has passed");
  await expect(page.getByTestId("countdown")).toContainText(/^closed 1 min \d+ s ago$/);
  await page.getByRole("button", { name: "1 min before the cutoff" }).click();
  await expect(page.getByTestId("window-state")).toHaveText("Closing within 24 hours");
  await setClock(request, "2020-06-23T16:00:00Z");
});

test("a member has no clock control, and the API refuses a member", async ({ page, request }) => {
  await signIn(page, "delegate@telco.example");
  await expect(page.getByTestId("sim-banner")).toBeVisible();
  await expect(page.getByRole("button", { name: "1 min after" })).toHaveCount(0);
  const res = await page.request.put("/api/v1/clock", { data: { now: "2020-06-24T00:00:00Z" } });
  expect(res.status()).toBe(403);
  expect((await res.json()).code).toBe("forbidden");
  void request;
});

test.describe("with the browser in New York", () => {
  test.use({ timezoneId: "America/New_York" });

  test("members of the group see a deadline notice from 21 days before, a stronger one in the last 24 hours; others see none", async ({ page, request }) => {
    await setClock(request, "2020-05-20T10:00:00Z"); // 34 days before
    await signIn(page, "delegate@telco.example");
    await expect(page.getByTestId("deadline-notice")).toHaveCount(0);

    await setClock(request, "2020-06-10T10:00:00Z"); // 13 days before
    await page.reload();
    // The simulated clock runs on after it is set: 13 d 12 h minus the seconds the page took.
    await expect(page.getByTestId("deadline-notice-text")).toHaveText(
      /^The contribution deadline for SG20-2020-07 is Tue 23 Jun 2020, 23:59 CEST \(UTC\+2\) Geneva time: 13 d 1[12] h left\.$/,
    );
    // Beside it, the same instant in the reader's own zone: 17:59 in New York.
    await expect(page.getByTestId("deadline-notice").getByTestId("local-time")).toContainText(/your time: .*23 Jun 2020, 17:59 .*\(America\/New_York\)/);
    await expect(page.getByTestId("deadline-notice")).not.toHaveClass(/strong/);

    await setClock(request, "2020-06-23T16:00:00Z"); // 6 hours before
    await page.reload();
    await expect(page.getByTestId("deadline-notice")).toContainText("Less than 24 hours left");
    await expect(page.getByTestId("deadline-notice")).toHaveClass(/strong/);
    await signOut(page);

    for (const other of ["delegate@associate-sg17.example", "rapporteur.q3@sg20.example", "tsb.sg20@secretariat.example"]) {
      await signIn(page, other);
      await expect(page.getByTestId("deadline-notice")).toHaveCount(0);
      await signOut(page);
    }
  });
});
