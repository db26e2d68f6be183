// The rapporteur's new tools in Chromium: compare Rev.1 with the original, search a phrase from inside a document,
// and follow the Question's Atom feed with a feed key. The journey makes its own documents (the demo may hold others).
import { parseFeed } from "@rowanmanning/feed-parser";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { SG20_MEETING_CODE } from "../../lib/config/demo";
import { makePlainDocx } from "../support/make-docx";
import { apiToken, hydrated, setClock, signIn } from "./helpers";

test.describe.configure({ mode: "serial" });

const RUN = Date.now() % 100000;
const TITLE = `Edge gateway onboarding ${RUN}`;
// Words no other document has: the phrase is inside the file only, not in the title, abstract or keywords.
const PHRASE = `quorn telemetry beacon ${RUN}`;
const FILLER = Array.from({ length: 60 }, (_, i) => `context${i}`).join(" ");

const CONTACT = { name: "Marc Dubois", organization: "OFCOM", country: "Switzerland", email: "marc.dubois@admin-ch.example" };

let contributionId = 0;

async function upload(request: APIRequestContext, bearer: string, path: string, paragraphs: string[], metadata: Record<string, unknown>) {
  const res = await request.post(path, {
    headers: { authorization: `Bearer ${bearer}` },
    multipart: {
      metadata: JSON.stringify(metadata),
      file: { name: "contribution.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: await makePlainDocx(paragraphs) },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: number; versionId: number };
}

test.beforeAll(async ({ request }) => {
  await setClock(request, "2020-06-23T15:00:00Z");
  const delegate = await apiToken(request, "delegate@admin-ch.example", "e2e rapporteur tools");
  const original = await upload(
    request,
    delegate,
    `/api/v1/meetings/${SG20_MEETING_CODE}/contributions`,
    [`${FILLER}.`, "The gateway shall register every sensor before use.", "Security considerations follow."],
    { title: TITLE, questions: ["Q3/20"], purpose: "Proposal", abstract: "Onboarding of devices.", contacts: [CONTACT] },
  );
  contributionId = original.id;
  const rev1 = await upload(
    request,
    delegate,
    `/api/v1/contributions/${contributionId}/revisions`,
    [`${FILLER}.`, `The gateway shall register every sensor and its ${PHRASE} before use.`, "Security considerations follow."],
    { kind: "revision" },
  );
  // The texts are read after the uploads commit, by the server's extraction queue: wait for both.
  const rapporteur = await apiToken(request, "rapporteur.q3@sg20.example", "e2e rapporteur tools");
  await expect
    .poll(
      async () => {
        const res = await request.get(`/api/v1/contributions/${contributionId}/diff?from=${original.versionId}&to=${rev1.versionId}`, { headers: { authorization: `Bearer ${rapporteur}` } });
        return ((await res.json()) as { ready?: boolean }).ready;
      },
      { timeout: 45_000, intervals: [500, 1000] },
    )
    .toBe(true);
});

test("the rapporteur searches a phrase from inside a document and compares Rev.1 with the original", async ({ page }) => {
  await signIn(page, "rapporteur.q3@sg20.example");
  await page.goto("/questions/Q3-20");
  await hydrated(page);
  const search = page.getByRole("search");
  await search.getByLabel("Words or a “phrase in quotes”").fill(`"${PHRASE}"`);
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("search-total")).toContainText("One document matches");
  const hit = page.getByTestId("search-hit");
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText(TITLE);
  await expect(hit).toContainText("found in Rev.1");
  // The phrase found is marked in the snippet (one mark: its words stand together), and nothing else.
  await expect(hit.locator("mark")).toHaveText([PHRASE]);

  // Nothing matches: the page says so.
  await search.getByLabel("Words or a “phrase in quotes”").fill(`nosuchword${RUN}`);
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("search-total")).toContainText("No document you may read matches");

  await page.goBack();
  await page.getByTestId("search-hit").getByRole("link", { name: new RegExp(TITLE) }).click();
  await expect(page).toHaveURL(new RegExp(`/review/${contributionId}$`));
  const compare = page.locator("section#compare");
  await expect(compare.getByRole("heading", { name: "Compare versions" })).toBeVisible();
  await expect(compare.getByLabel("From")).toHaveValue(/\d+/);
  await expect(compare.getByLabel("From").locator("option:checked")).toHaveText("Original");
  await expect(compare.getByLabel("To").locator("option:checked")).toHaveText("Rev.1");
  await expect(page.getByTestId("compare-stats")).toContainText("words added");
  const diff = page.getByTestId("text-diff");
  await expect(diff.locator("ins")).toContainText(PHRASE);
  await expect(diff.locator("del")).toHaveCount(0);
  // The 60 unchanged words before the change are folded, and open on a click.
  const folded = diff.locator("details").first();
  await expect(folded.locator("summary")).toContainText("unchanged words");
  await expect(folded).not.toHaveAttribute("open", "");
  await folded.locator("summary").click();
  await expect(folded).toHaveAttribute("open", "");
  await expect(folded).toContainText("context10");

  // Swapped, Rev.1 → original shows the same words removed.
  await compare.getByLabel("From").selectOption({ label: "Rev.1" });
  await compare.getByLabel("To").selectOption({ label: "Original" });
  await compare.getByRole("button", { name: "Compare" }).click();
  await expect(page.getByTestId("text-diff").locator("del")).toContainText(PHRASE);
});

test("a member finds it from the meeting's documents, and compares on the contribution page", async ({ page }) => {
  await signIn(page, "delegate@telco.example");
  await page.goto(`/meetings/${SG20_MEETING_CODE}/documents`);
  await hydrated(page);
  await page.getByRole("search").getByLabel("Words or a “phrase in quotes”").fill(`telemetry ${RUN}`);
  await page.getByRole("search").getByLabel("Question").selectOption("Q3/20");
  await page.getByRole("search").getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("search-hit")).toHaveCount(1);
  await page.getByTestId("search-hit").getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/contributions/${contributionId}$`));
  await expect(page.getByTestId("text-diff").locator("ins")).toContainText(PHRASE);
  await page.getByRole("button", { name: "Follow" }).click();
  await expect(page.getByTestId("follow-state")).toHaveText("You follow this contribution.");
});

test("the rapporteur follows the Question's feed in a feed reader, with a feed key that can be revoked", async ({ page }) => {
  await signIn(page, "rapporteur.q3@sg20.example");
  await page.goto("/account");
  await hydrated(page);
  await page.getByRole("button", { name: /^Make a (new )?feed key/ }).click();
  const url = await page.getByTestId("feed-url").first().textContent();
  expect(url).toMatch(/\/api\/v1\/questions\/Q3-20\/feed\.atom\?key=cfk_/);

  // A feed reader: no cookie, no token, only the URL.
  const reader = await playwrightRequest.newContext();
  try {
    const res = await reader.get(url!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/atom+xml");
    const feed = parseFeed(await res.text());
    expect(feed.title).toContain("Q3/20");
    const titles = feed.items.map((i) => i.title);
    expect(titles).toContain(`COM 20-C ${await numberOf(reader, url!)} Rev.1: ${TITLE}`);
    const entry = feed.items.find((i) => i.title?.endsWith(`Rev.1: ${TITLE}`))!;
    expect(entry.id).toMatch(/^tag:/);
    expect(entry.url).toMatch(new RegExp(`/contributions/${contributionId}$`));

    // The notices: a daily digest at 07:00 Geneva time.
    await page.getByLabel("Once a day, as a digest").check();
    await page.getByLabel("Hour of the daily digest (Geneva time)").selectOption("7");
    await page.getByTestId("notices-form").getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("notices-form").getByRole("status")).toHaveText("Saved: a digest comes every day at 07:00 Geneva time.");

    // Revoked: the reader is turned away.
    await page.reload();
    await page.getByRole("button", { name: "Revoke the feed key" }).click();
    await expect(page.getByText("The feed key is revoked")).toBeVisible();
    expect((await reader.get(url!)).status()).toBe(401);
  } finally {
    await reader.dispose();
  }
});

/** The contribution's number, from the feed itself (the demo may hold other contributions numbered before it). */
async function numberOf(reader: APIRequestContext, url: string): Promise<number> {
  const feed = parseFeed(await (await reader.get(url)).text());
  const entry = feed.items.find((i) => i.title?.endsWith(`: ${TITLE}`) && !i.title.includes("Rev."));
  return Number(entry?.title?.match(/COM 20-C (\d+):/)?.[1]);
}
