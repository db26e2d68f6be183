// Shared steps of the browser tests: signing in through the real form, moving the simulated clock, and
// submitting through the API what a test needs to find on its pages.
import { expect, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import { DEMO_PASSWORD, SG20_MEETING_CODE } from "../../lib/config/demo";
import { makePdf } from "../support/make-docx";

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
  cachedToken ??= await apiToken(request, "tsb.sg20@secretariat.example", "e2e clock");
  const res = await request.put("/api/v1/clock", { headers: { authorization: `Bearer ${cachedToken}` }, data: { now: iso } });
  expect(res.status()).toBe(200);
}

let cachedToken: string | null = null;

/** A bearer token for a demo account. */
export async function apiToken(request: APIRequestContext, email: string, label = "e2e"): Promise<string> {
  const res = await request.post("/api/v1/tokens", { data: { email, password: DEMO_PASSWORD, label } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

type Contact = { name: string; organization: string; country: string; email: string };
const KENJI: Contact = { name: "Kenji Tanaka", organization: "Example University", country: "Japan", email: "kenji@university.example" };

/** A PDF contribution (or, with `path`, a late request) to the SG20 meeting through the API; the caller checks the answer. */
export function submitByApi(
  request: APIRequestContext,
  bearer: string,
  title: string,
  opts: { questions?: string[]; contact?: Contact; fileName?: string; path?: string } = {},
): Promise<APIResponse> {
  return request.post(opts.path ?? `/api/v1/meetings/${SG20_MEETING_CODE}/contributions`, {
    headers: { authorization: `Bearer ${bearer}` },
    multipart: {
      metadata: JSON.stringify({ title, questions: opts.questions ?? ["Q3/20"], purpose: "Proposal", contacts: [opts.contact ?? KENJI] }),
      file: { name: opts.fileName ?? `${title.slice(0, 20)}.pdf`, mimeType: "application/pdf", buffer: makePdf(title) },
    },
  });
}
