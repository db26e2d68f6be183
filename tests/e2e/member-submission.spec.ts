// A member's whole journey in Chromium: an ITU-template DOCX prefills the form, the receipt, a revision,
// the withdrawal, and after the cutoff a refused submission that is filed as a late request instead.
import { expect, test } from "@playwright/test";
import { makePdf, makeTemplateDocx } from "../support/make-docx";
import { hydrated, setClock, signIn } from "./helpers";

const MEETING = "SG20-2020-07";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request }) => {
  await setClock(request, "2020-06-23T16:00:00Z"); // 18:00 Geneva
});

test("a member submits an ITU-template DOCX: the form is prefilled from its cover page, then the receipt", async ({ page }) => {
  const docx = await makeTemplateDocx({
    questions: "Q3/20, Q6/20",
    studyGroup: "20",
    source: "Switzerland (Confederation of)",
    title: "Secure onboarding of IoT devices in smart cities",
    purpose: "Proposal",
    keywords: "IoT; onboarding; security",
    abstract: "This contribution proposes requirements for onboarding IoT devices.",
    contacts: [{ name: "Marc Dubois", organization: "OFCOM", country: "Switzerland", phone: "+41 58 460 55 00", email: "marc.dubois@admin-ch.example" }],
  });
  await signIn(page, "delegate@admin-ch.example");
  await page.goto(`/meetings/${MEETING}/submit`);
  await hydrated(page);
  await expect(page.getByTestId("source")).toHaveText("Switzerland (Confederation of) - OFCOM");
  // A document that the submission would refuse is refused as soon as it is chosen, in the submission's words.
  await page.getByLabel("Document file").setInputFiles({ name: "onboarding.docx", mimeType: DOCX, buffer: await makeTemplateDocx({ title: "Macros" }, { macro: true }) });
  await expect(page.getByTestId("cover-note")).toContainText("Macro-enabled Word documents (.docm) are not accepted.");
  await expect(page.getByLabel("Title")).toHaveValue("");
  await page.getByLabel("Document file").setInputFiles({ name: "onboarding.docx", mimeType: DOCX, buffer: docx });

  await expect(page.getByTestId("cover-note")).toContainText("We read these fields from your document's cover page");
  await expect(page.getByLabel("Title")).toHaveValue("Secure onboarding of IoT devices in smart cities");
  await expect(page.getByLabel(/^Q3\/20 — /)).toBeChecked();
  await expect(page.getByLabel(/^Q6\/20 — /)).toBeChecked();
  await expect(page.getByLabel(/^Q1\/20 — /)).not.toBeChecked();
  await expect(page.getByLabel("Purpose")).toHaveValue("Proposal");
  await expect(page.getByLabel("Keywords")).toHaveValue(/onboarding/);
  await expect(page.getByLabel("Contact 1 e-mail")).toHaveValue("marc.dubois@admin-ch.example");

  await page.getByRole("button", { name: "Submit contribution" }).click();
  await expect(page).toHaveURL(/\/contributions\/\d+\/receipt/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Receipt");
  await expect(page.getByTestId("receipt-number")).toHaveText(/^COM 20-C \d+$/);
  await expect(page.getByTestId("receipt-reference")).toHaveText(/^T17-SG20-C-\d{4}$/);
  await expect(page.getByTestId("receipt-received-geneva")).toHaveText(/^Tue 23 Jun 2020, 18:\d\d:\d\d CEST \(UTC\+2\)$/);
  await expect(page.getByTestId("receipt-late")).toHaveText("On time");
  await expect(page.getByTestId("receipt-sha256")).toHaveText(/^[0-9a-f]{64}$/);
});

test("the member revises it (Rev.1 keeps the number) and then withdraws it", async ({ page }) => {
  await signIn(page, "delegate@admin-ch.example");
  await page.goto("/contributions");
  await page.getByRole("link", { name: /Secure onboarding of IoT devices/ }).first().click();
  await expect(page).toHaveURL(/\/contributions\/\d+$/);
  await hydrated(page);
  const number = (await page.getByTestId("contribution-number").textContent())?.trim();
  expect(number).toMatch(/^COM 20-C \d+$/);

  const rev = await makeTemplateDocx({ questions: "Q3/20", title: "Secure onboarding of IoT devices in smart cities (revised)" });
  await page.getByLabel("New version file").setInputFiles({ name: "onboarding-rev1.docx", mimeType: DOCX, buffer: rev });
  await page.getByRole("button", { name: "Upload revision" }).click();
  await expect(page).toHaveURL(/\/receipt/);
  await expect(page.getByTestId("receipt-number")).toHaveText(`${number} Rev.1`);
  await expect(page.getByTestId("receipt-late")).toHaveText("On time");

  await page.goBack();
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("version-row")).toHaveCount(2);
  await page.getByLabel("Reason for withdrawal").fill("Superseded by a joint contribution with Example Telecom");
  await page.getByRole("button", { name: "Withdraw contribution" }).click();
  await page.getByRole("button", { name: "Confirm withdrawal" }).click();
  await expect(page.getByTestId("withdrawn")).toContainText("Withdrawn");
  await expect(page.getByTestId("withdrawn")).toContainText("Superseded by a joint contribution");
  // It keeps its number, and leaves the meeting's list.
  await expect(page.getByTestId("contribution-number")).toHaveText(number!);
  // The whole list on one page (it comes 50 at a time), so that its absence means something.
  await page.goto(`/meetings/${MEETING}/documents?pageSize=500`);
  await expect(page.getByTestId("documents-table")).not.toContainText(number!);
});

test("after the cutoff a submission is refused with the deadline, and filed as a late request instead", async ({ page, request }) => {
  await setClock(request, "2020-06-23T22:30:00Z"); // 00:30 Geneva, 30 min late
  // A member with no extension (the desk tests give one to Example Telecom).
  await signIn(page, "delegate@university.example");
  await page.goto(`/meetings/${MEETING}/submit`);
  await hydrated(page);
  await expect(page.getByTestId("window-state")).toHaveText("Closed: the deadline has passed");
  await page.getByLabel("Document file").setInputFiles({ name: "late.pdf", mimeType: "application/pdf", buffer: makePdf("late contribution") });
  await page.getByLabel(/^Q6\/20 — /).check();
  await page.getByLabel("Title").fill("Trust framework for city data platforms");
  await page.getByLabel("Purpose").selectOption("Discussion");
  await page.getByRole("button", { name: "Submit contribution" }).click();

  const alert = page.getByRole("alert").first();
  await expect(alert).toContainText("deadline for SG20-2020-07 has passed");
  await expect(alert).toContainText("Wed 24 Jun 2020, 00:00 CEST (UTC+2)");
  await expect(alert).toContainText("30 min after the cutoff");
  await expect(page.getByTestId("deadline-local")).toBeVisible();
  // Nothing typed is lost.
  await expect(page.getByLabel("Title")).toHaveValue("Trust framework for city data platforms");

  await page.getByLabel("Why is it late? (optional)").fill("Our internal approval finished at midnight");
  await page.getByRole("button", { name: "File as a late submission request" }).click();
  await expect(page).toHaveURL(/\/receipt/);
  await expect(page.getByTestId("receipt-number")).toContainText("Late submission request");
  await expect(page.getByTestId("receipt-late")).toHaveText(/LATE/);
  await expect(page.getByTestId("receipt-received-geneva")).toHaveText(/^Wed 24 Jun 2020, 00:30:\d\d CEST \(UTC\+2\)$/);
  await setClock(request, "2020-06-23T16:00:00Z");
});

test("an Associate of SG17 is told plainly that it may not submit to SG20", async ({ page }) => {
  await signIn(page, "delegate@associate-sg17.example");
  await page.goto(`/meetings/${MEETING}/submit`);
  await expect(page.getByText(/Associate of SG17 and may contribute to SG17 only/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Submit contribution" })).toHaveCount(0);
});
