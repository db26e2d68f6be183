// On a phone (390 × 844): the submission form, the receipt, the rapporteur's queue, the late report and the public
// meeting page with its calendar addresses fit the screen: nothing runs off the right edge except inside the
// scrollable table wrappers. Screenshots: test-results/phone-*.png.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { makePdf } from "../support/make-docx";
import { hydrated, setClock, signIn } from "./helpers";

const MEETING = "SG20-2020-07";
const WIDTH = 390;
const SHOTS = path.resolve(process.cwd(), "test-results");

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request }) => {
  await setClock(request, "2020-06-23T16:00:00Z"); // 18:00 Geneva
});

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: WIDTH, height: 844 });
});

/** The page's width, and every visible element whose right edge passes the screen outside a horizontal scroller. */
async function overflow(page: Page) {
  return page.evaluate((width) => {
    const inScroller = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === "auto" || ox === "scroll") return true;
      }
      return false;
    };
    const offenders: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none") continue;
      if (r.right > width + 1 && !inScroller(el)) {
        const id = el.id ? `#${el.id}` : "";
        const cls = typeof el.className === "string" && el.className ? `.${el.className.split(" ").join(".")}` : "";
        const testid = el.getAttribute("data-testid") ? `[data-testid=${el.getAttribute("data-testid")}]` : "";
        offenders.push(`${el.tagName.toLowerCase()}${id}${cls}${testid} right=${Math.round(r.right)} "${(el.textContent ?? "").trim().slice(0, 40)}"`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, offenders: offenders.slice(0, 15) };
  }, WIDTH);
}

async function check(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `phone-${name}.png`), fullPage: true });
  const o = await overflow(page);
  expect(o.offenders, `${name}: elements past the right edge:\n${o.offenders.join("\n")}`).toEqual([]);
  expect(o.scrollWidth, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(WIDTH);
}

test("a member fills in the submission form and reads the receipt on a phone", async ({ page }) => {
  await signIn(page, "delegate@university.example");
  await page.goto(`/meetings/${MEETING}/submit`);
  await hydrated(page);
  await page.getByLabel("Document file").setInputFiles({ name: "phone.pdf", mimeType: "application/pdf", buffer: makePdf("phone contribution") });
  await page.getByLabel(/^Q3\/20 — /).check();
  await page.getByLabel("Title").fill("Submitted from a phone: city sensor calibration");
  await page.getByLabel("Purpose").selectOption("Information");
  await check(page, "submit");
  await page.getByRole("button", { name: "Submit contribution" }).click();
  await expect(page).toHaveURL(/\/contributions\/\d+\/receipt/);
  await expect(page.getByTestId("receipt-number")).toBeVisible();
  await check(page, "receipt");
});

test("the rapporteur's queue on a phone", async ({ page }) => {
  await signIn(page, "rapporteur.q3@sg20.example");
  await page.goto("/questions/Q3-20");
  await hydrated(page);
  await expect(page.getByRole("link", { name: "Submitted from a phone: city sensor calibration" })).toBeVisible();
  await check(page, "queue");
});

test("the secretariat's late report on a phone", async ({ page }) => {
  await signIn(page, "tsb.sg20@secretariat.example");
  await page.goto(`/meetings/${MEETING}/late-report`);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await check(page, "late-report");
});

test("the public meeting page and its calendar addresses on a phone, without signing in", async ({ page }) => {
  await page.goto(`/meetings/${MEETING}`);
  await hydrated(page);
  await expect(page.getByTestId("calendar-links")).toBeVisible();
  await check(page, "meeting");
  await page.goto("/meetings");
  await check(page, "meetings");
});
