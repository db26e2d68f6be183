// The rapporteur's and the secretariat's desks in Chromium: review, comment and download the ZIP; read the
// late report, admit a late request, grant an extension, and move the deadline with a reason.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiToken, hydrated, setClock, signIn, submitByApi } from "./helpers";

const MEETING = "SG20-2020-07";

test.describe.configure({ mode: "serial" });

const token = (request: APIRequestContext, email: string) => apiToken(request, email, "e2e desks");

async function upload(request: APIRequestContext, bearer: string, title: string, questions: string[], path?: string) {
  const res = await submitByApi(request, bearer, title, { questions, path });
  expect([201, 202]).toContain(res.status());
  return res.json();
}

let q3Title: string;
let lateTitle: string;

test.beforeAll(async ({ request }) => {
  await setClock(request, "2020-06-23T16:00:00Z");
  const uni = await token(request, "delegate@university.example");
  q3Title = `Digital twin architecture for cities ${Date.now() % 100000}`;
  await upload(request, uni, q3Title, ["Q3/20"]);
  await upload(request, uni, `Only for Q6 ${Date.now() % 100000}`, ["Q6/20"]);
  await setClock(request, "2020-06-24T00:15:00Z"); // 02:15 Geneva
  lateTitle = `Late proposal on city sensors ${Date.now() % 100000}`;
  await upload(request, uni, lateTitle, ["Q3/20"], `/api/v1/meetings/${MEETING}/late-requests`);
  await setClock(request, "2020-06-24T06:00:00Z");
});

test("the rapporteur of Q3/20 reviews a contribution, comments, and downloads the ZIP of the Question", async ({ page }) => {
  await signIn(page, "rapporteur.q3@sg20.example");
  await page.getByRole("link", { name: "My Questions" }).click();
  await page.getByRole("link", { name: /Q3\/20/ }).first().click();
  await expect(page.getByRole("link", { name: q3Title })).toBeVisible();
  // A contribution only to Q6/20 is not in this rapporteur's queue.
  await expect(page.getByText(/Only for Q6/)).toHaveCount(0);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download ZIP" }).click();
  const zip = await download;
  const dir = mkdtempSync(path.join(os.tmpdir(), "e2e-zip-"));
  const file = path.join(dir, "q3.zip");
  await zip.saveAs(file);
  const listing = execFileSync("unzip", ["-l", file]).toString();
  execFileSync("unzip", ["-t", file]); // throws if the archive is damaged
  expect(listing).toMatch(/T17-SG20-C-\d{4}\.pdf/);

  await page.getByRole("link", { name: q3Title }).click();
  // The queue has a "Review state" filter of its own: act only once the review page is there.
  await expect(page).toHaveURL(/\/review\/\d+$/);
  await expect(page.getByRole("button", { name: "Save review state" })).toBeVisible();
  await page.getByLabel("Review state").selectOption("in_review");
  await expect(page.getByLabel("Review state")).toHaveValue("in_review");
  await page.getByRole("button", { name: "Save review state" }).click();
  await expect(page.getByTestId("review-status")).toContainText("In review");
  await page.getByLabel("Comment").fill("Please align the terminology with Y.4000.");
  await page.getByLabel("Share with the submitter").check();
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByTestId("comments")).toContainText("Please align the terminology with Y.4000.");
  await expect(page.getByTestId("comments")).toContainText("Shared with the submitter");
});

test("the secretariat reads the late report and admits the late request, which gets a number and stays LATE", async ({ page }) => {
  await signIn(page, "tsb.sg20@secretariat.example");
  await page.getByRole("link", { name: "Late report" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Late-submission report");
  await expect(page.getByRole("img", { name: /Arrivals per hour/ })).toBeVisible();
  await hydrated(page);
  const card = page.locator("article", { hasText: lateTitle });
  await expect(card).toContainText("2 h 15 min after the cutoff");
  await expect(card).toContainText("Awaiting decision");
  await card.getByLabel(/Admit to this meeting/).check();
  await card.getByLabel("Reason (sent to the submitter)").fill("Needed for the Q3/20 session on Monday");
  await card.getByRole("button", { name: "Record decision" }).click();
  // The page re-renders with the decision in place of the form.
  await expect(card).toContainText("Admitted (LATE) by Anna Keller");
  await expect(card).toContainText("Needed for the Q3/20 session on Monday");
  await expect(card.getByRole("button", { name: "Record decision" })).toHaveCount(0);
  const admitted = page.locator("section", { hasText: "LATE documents in the meeting" }).locator("tr", { hasText: lateTitle });
  await expect(admitted).toContainText(/COM 20-C \d+/);
  await expect(admitted).toContainText("LATE");
});

test("with more late requests than fit one page, the secretariat pages through those awaiting a decision", async ({ page, request }) => {
  await setClock(request, "2020-06-24T07:00:00Z");
  const uni = await token(request, "delegate@university.example");
  const filed: Array<{ id: number; title: string }> = [];
  for (let i = 1; i <= 21; i++) {
    const title = `Paged late request ${String(i).padStart(2, "0")} ${Date.now() % 100000}`;
    filed.push({ id: (await upload(request, uni, title, ["Q6/20"], `/api/v1/meetings/${MEETING}/late-requests`)).id, title });
  }
  try {
    await signIn(page, "tsb.sg20@secretariat.example");
    await page.goto(`/meetings/${MEETING}/late-report`);
    const awaiting = page.locator("section", { has: page.locator("#awaiting-h") });
    const pager = awaiting.getByRole("navigation", { name: "Pages of the requests awaiting a decision" }).first();
    await expect(pager).toContainText(/Requests 1–20 of \d+ \(page 1 of 2\)/);
    await expect(awaiting.locator("article")).toHaveCount(20);
    // The newest request is the last in arrival order: on the second page, with its decision form.
    const newest = filed[filed.length - 1].title;
    await expect(awaiting.locator("article", { hasText: newest })).toHaveCount(0);
    await pager.getByRole("link", { name: "Next 20 →" }).click();
    await expect(page).toHaveURL(/\/late-report\?page=2/);
    await expect(pager).toContainText(/Requests 21–\d+ of \d+ \(page 2 of 2\)/);
    const card = awaiting.locator("article", { hasText: newest });
    await expect(card).toBeVisible();
    await expect(card.getByRole("button", { name: "Record decision" })).toBeVisible();
    await pager.getByRole("link", { name: "← Previous 20" }).click();
    await expect(pager).toContainText("page 1 of 2");
  } finally {
    // Withdrawn, the requests leave the awaiting list, so the tests after this one see the meeting as it was.
    for (const { id } of filed) {
      const res = await request.post(`/api/v1/contributions/${id}/withdrawal`, { headers: { authorization: `Bearer ${uni}` }, data: { reason: "End of the paging test" } });
      expect(res.status()).toBe(200);
    }
  }
});

test("the secretariat grants an extension to an organisation; its member then submits, admitted but LATE", async ({ page, request }) => {
  await signIn(page, "tsb.sg20@secretariat.example");
  await page.goto(`/meetings/${MEETING}/manage`);
  await hydrated(page);
  const form = page.getByTestId("extension-form");
  await form.getByLabel("Organisation").selectOption({ label: "Example Telecom Ltd (Sector Member, United Kingdom)" });
  await form.getByLabel("Until (Geneva time)").fill("2020-06-24T12:00:00");
  await form.getByLabel("Reason for the extension").fill("Power cut at the company's office");
  await form.getByRole("button", { name: "Grant extension" }).click();
  await expect(form.getByRole("status")).toHaveText("Extension granted.");
  await page.reload();
  await expect(page.getByTestId("extension-list")).toContainText("Example Telecom Ltd");

  const telco = await token(request, "delegate@telco.example");
  const receipt = await upload(request, telco, "Within the extension", ["Q3/20"]);
  expect(receipt.number).not.toBeNull();
  expect(receipt.late).toBe(true);
});

test("the secretariat moves the deadline with a reason and a reference; the history shows it and lateness follows", async ({ page, request }) => {
  await signIn(page, "tsb.sg20@secretariat.example");
  await page.goto(`/meetings/${MEETING}/manage`);
  await hydrated(page);
  const form = page.getByTestId("meeting-form");
  await form.getByLabel(/Set it to this first late instant/).check();
  await form.getByLabel("New deadline (Geneva time)").fill("2020-06-25T00:00:00");
  await form.getByLabel("Reason for the change").fill("Deadline extended by one day for every member");
  await form.getByLabel("Reference").fill("Corrigendum 2 to Collective letter 8/20");
  await form.getByRole("button", { name: "Save changes" }).click();
  // The change is named in words, not by the field's code name.
  await expect(form.getByRole("status")).toContainText("Saved: deadline");
  await expect(form.getByRole("status")).not.toContainText("deadlineAt");

  await page.goto(`/meetings/${MEETING}`);
  await expect(page.getByTestId("deadline-geneva")).toHaveText("Wed 24 Jun 2020, 23:59:59 CEST (UTC+2)");
  await expect(page.getByTestId("meeting-history")).toContainText("Corrigendum 2 to Collective letter 8/20");
  await expect(page.getByTestId("meeting-history")).toContainText("Deadline extended by one day for every member");

  // The late request admitted above (received 02:15 on the 24th) is now on time.
  const report = await page.request.get(`/api/v1/meetings/${MEETING}/late-report`);
  expect(report.status()).toBe(200);
  const body = await report.json();
  expect(body.deadline).toBe("2020-06-24T22:00:00.000Z");
  expect(body.lateContributions.some((c: { title: string }) => c.title === lateTitle)).toBe(false);

  // Back to the letter's deadline, so that other tests see the real meeting.
  await request.patch(`/api/v1/meetings/${MEETING}`, {
    headers: { authorization: `Bearer ${await token(request, "tsb.sg20@secretariat.example")}` },
    data: { deadline: "default", reason: "Restore the deadline of the collective letter", reference: "Corrigendum 3 to Collective letter 8/20" },
  });
  await setClock(request, "2020-06-23T16:00:00Z");
});
