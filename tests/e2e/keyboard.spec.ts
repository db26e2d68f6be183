// The whole submission with the keyboard alone: sign in, choose the file, tick a Question, type, submit, receipt.
// And an empty form: focus goes to the error summary, whose links lead to the fields marked invalid.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../lib/config/demo";
import { makePdf } from "../support/make-docx";
import { hydrated, setClock } from "./helpers";

const MEETING = "SG20-2020-07";

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request }) => {
  await setClock(request, "2020-06-23T16:00:00Z"); // 18:00 Geneva
});

/** Presses Tab until the target has the focus, as a keyboard user would; fails if it is never reached. */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

async function keyboardSignIn(page: Page, email: string) {
  await page.goto("/login");
  await hydrated(page);
  await tabTo(page, page.getByLabel("E-mail"));
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

test("a member signs in and submits a contribution with the keyboard alone, and lands on the receipt", async ({ page }) => {
  await keyboardSignIn(page, "delegate@telco.example");
  // The navigation link to the form, reached with Tab and followed with Enter.
  const submitLink = page.getByRole("link", { name: "Submit", exact: true }).first();
  await tabTo(page, submitLink);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/meetings/${MEETING}/submit$`));
  await hydrated(page);

  const file = page.getByLabel("Document file");
  await tabTo(page, file);
  // A file chooser cannot be typed into: set the file on the focused control.
  await page.locator(":focus").setInputFiles({ name: "keyboard.pdf", mimeType: "application/pdf", buffer: makePdf("keyboard contribution") });
  await expect(page.getByTestId("chosen-file")).toContainText("keyboard.pdf");

  const q3 = page.getByLabel(/^Q3\/20 — /);
  await tabTo(page, q3);
  await page.keyboard.press("Space");
  await expect(q3).toBeChecked();

  const title = page.getByLabel("Title");
  await tabTo(page, title);
  await page.keyboard.type("Keyboard-only submission of city sensor data");
  await expect(title).toHaveValue("Keyboard-only submission of city sensor data");

  const purpose = page.getByLabel("Purpose");
  await tabTo(page, purpose);
  await page.keyboard.press("ArrowDown"); // "Choose…" → "Proposal"
  await expect(purpose).toHaveValue("Proposal");

  await tabTo(page, page.getByRole("button", { name: "Submit contribution" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/contributions\/\d+\/receipt/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Receipt");
  await expect(page.getByTestId("receipt-number")).toHaveText(/^COM 20-C \d+$/);
  await expect(page.getByTestId("receipt-late")).toHaveText("On time");
});

test("an empty form: focus moves to the error summary, whose links point to the invalid fields", async ({ page }) => {
  await keyboardSignIn(page, "delegate@telco.example");
  await page.goto(`/meetings/${MEETING}/submit`);
  await hydrated(page);
  await tabTo(page, page.getByRole("button", { name: "Submit contribution" }));
  await page.keyboard.press("Enter");

  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toHaveAttribute("role", "alert");
  await expect(summary).toBeFocused();

  for (const [id, label] of [
    ["file", "Document file"],
    ["title", "Title"],
    ["purpose", "Purpose"],
  ] as const) {
    await expect(summary.locator(`a[href="#${id}"]`)).toHaveCount(1);
    const field = page.getByLabel(label, { exact: true });
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAttribute("aria-describedby", new RegExp(`\\b${id}-error\\b`));
    await expect(page.locator(`#${id}-error`)).toBeVisible();
  }
  // The Questions: the link leads to the first checkbox, the group is marked invalid and described by its error.
  await expect(summary.locator('a[href="#questions"]')).toHaveCount(1);
  const group = page.locator("fieldset", { has: page.locator("legend", { hasText: "Question(s)" }) });
  await expect(group).toHaveAttribute("aria-invalid", "true");
  await expect(group).toHaveAttribute("aria-describedby", /\bquestions-error\b/);

  // Following a link from the summary with the keyboard puts the focus on that field.
  await summary.locator('a[href="#title"]').focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Title", { exact: true })).toBeFocused();
});
