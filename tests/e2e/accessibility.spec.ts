// Every page, for every role, through axe-core: no "serious" or "critical" WCAG 2.1 A/AA violation.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { apiToken, hydrated, setClock, signIn, submitByApi } from "./helpers";

const MEETING = "SG20-2020-07";
const CLOSED = "SG20-2020-02"; // the demo's closed meeting, with its decided late requests
const AXE = path.resolve(process.cwd(), "node_modules/axe-core/axe.min.js");

test.describe.configure({ mode: "serial" });

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** Runs axe on the page as it stands and returns a line per serious or critical violation. */
async function audit(page: Page, label: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const axe = (window as any).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return { violations: result.violations as Violation[], passes: (result.passes as unknown[]).length };
  });
  expect(violations.passes, `axe ran its rules on ${label}`).toBeGreaterThan(0);
  return violations.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${label}: [${v.impact}] ${v.id} — ${v.help} — at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
}

async function visitAll(page: Page, paths: string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const p of paths) {
    const res = await page.goto(p);
    // Every page listed is one this role may open (a bogus reset token may answer 404 with its own page).
    expect(res?.status(), `${p} answers`).toBeLessThan(p.startsWith("/reset-password/") ? 500 : 400);
    await hydrated(page);
    problems.push(...(await audit(page, p)));
  }
  return problems;
}

let contributionId: number;

test.beforeAll(async ({ request }) => {
  await setClock(request, "2020-06-23T16:00:00Z"); // 18:00 Geneva, six hours before the cutoff
  const bearer = await apiToken(request, "delegate@admin-ch.example", "e2e a11y");
  const title = `Accessible smart city dashboards ${Date.now() % 100000}`;
  const res = await submitByApi(request, bearer, title, {
    contact: { name: "Marc Dubois", organization: "OFCOM", country: "Switzerland", email: "marc.dubois@admin-ch.example" },
    fileName: "dashboards.pdf",
  });
  expect(res.status()).toBe(201);
  contributionId = (await res.json()).id;
});

const common = ["/", `/meetings/${MEETING}`, `/meetings/${MEETING}/documents`, "/account", "/outbox"];
const memberPages = () => [...common, `/meetings/${MEETING}/submit`, "/contributions"];

test("anonymous: the sign-in page and a reset-password link with a bogus token", async ({ page }) => {
  const problems = await visitAll(page, ["/login", "/reset-password/not-a-real-token-0123456789"]);
  expect(problems, problems.join("\n")).toEqual([]);
});

test("anonymous: the public meeting pages", async ({ page }) => {
  const problems = await visitAll(page, ["/meetings", `/meetings/${MEETING}`, `/meetings/${CLOSED}`]);
  expect(problems, problems.join("\n")).toEqual([]);
});

test("a Member State delegate: every page, with its own contribution and receipt", async ({ page }) => {
  await signIn(page, "delegate@admin-ch.example");
  const problems = await visitAll(page, [...memberPages(), `/contributions/${contributionId}`, `/contributions/${contributionId}/receipt`]);
  // An outbox message (the receipt e-mail) too.
  await page.goto("/outbox");
  const mail = page.locator('a[href^="/outbox/"]').first();
  if ((await mail.count()) > 0) problems.push(...(await visitAll(page, [(await mail.getAttribute("href"))!])));
  expect(problems, problems.join("\n")).toEqual([]);
});

for (const email of ["delegate@telco.example", "delegate@university.example", "delegate@associate-sg20.example", "delegate@associate-sg17.example"]) {
  test(`${email}: every member page`, async ({ page }) => {
    await signIn(page, email);
    const problems = await visitAll(page, memberPages());
    expect(problems, problems.join("\n")).toEqual([]);
  });
}

for (const [email, slug] of [
  ["rapporteur.q3@sg20.example", "Q3-20"],
  ["rapporteur.q6@sg20.example", "Q6-20"],
] as const) {
  test(`${email}: My Questions, the queue and a review page`, async ({ page }) => {
    await signIn(page, email);
    const pages = [...common, "/questions", `/questions/${slug}`];
    if (slug === "Q3-20") pages.push(`/review/${contributionId}`);
    const problems = await visitAll(page, pages);
    expect(problems, problems.join("\n")).toEqual([]);
  });
}

test("the secretariat: the desks, accounts, audit log, new meeting, and the member's contribution", async ({ page }) => {
  await signIn(page, "tsb.sg20@secretariat.example");
  await page.goto("/secretariat/accounts");
  const accountHref = await page.locator('a[href^="/secretariat/accounts/"]').first().getAttribute("href");
  expect(accountHref).toMatch(/^\/secretariat\/accounts\/\d+/);
  const problems = await visitAll(page, [
    ...common,
    "/questions",
    "/questions/Q3-20",
    `/review/${contributionId}`,
    `/contributions/${contributionId}`,
    `/meetings/${MEETING}/late-report`,
    `/meetings/${CLOSED}/late-report`,
    `/meetings/${MEETING}/manage`,
    "/secretariat/accounts",
    accountHref!,
    "/secretariat/audit",
    "/secretariat/meetings/new",
  ]);
  expect(problems, problems.join("\n")).toEqual([]);
});
