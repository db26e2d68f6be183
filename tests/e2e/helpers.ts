// Shared steps of the browser tests: signing in through the real form, and moving the simulated clock.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../lib/demo";

/** React resets a <select> to its default value when it hydrates: choose only after hydration. */
export async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Moves the server's simulated clock through the API, as the secretariat. */
export async function setClock(request: APIRequestContext, iso: string) {
  const token = await secretariatToken(request);
  const res = await request.put("/api/v1/clock", { headers: { authorization: `Bearer ${token}` }, data: { now: iso } });
  expect(res.status()).toBe(200);
}

let cachedToken: string | null = null;
async function secretariatToken(request: APIRequestContext): Promise<string> {
  if (cachedToken) return cachedToken;
  const res = await request.post("/api/v1/tokens", {
    data: { email: "tsb.sg20@secretariat.example", password: DEMO_PASSWORD, label: "e2e clock" },
  });
  expect(res.status()).toBe(201);
  cachedToken = ((await res.json()) as { token: string }).token;
  return cachedToken;
}
