// Single sign-on against a real OpenID provider (`oidc-provider` on loopback): the button, the provider's
// login, the return signed in as the matched account; then every refusal, each with its message, its
// audit row and no session; and password sign-in turned off except for the break-glass secretariat.
import { expect as baseExpect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../lib/config/demo";
import { hydrated } from "./helpers";
import { BREAK_GLASS, LISTED_DELEGATE, PROVIDER_NAME, startServers, TRACKER_URL, type Servers } from "./sso-servers";

// Two servers and a provider behind every step, each sign-in three redirects: generous bounds, which
// only a hang reaches on a quiet machine.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 20_000 });
test.use({ baseURL: TRACKER_URL });

let servers: Servers;
let auditToken: string;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  servers = await startServers();
  // The break-glass secretariat may still get an API token with its password: it reads the audit log.
  const api = await playwright.request.newContext({ baseURL: TRACKER_URL });
  const res = await api.post("/api/v1/tokens", { data: { email: BREAK_GLASS, password: DEMO_PASSWORD, label: "sso e2e" } });
  expect(res.status(), await res.text()).toBe(201);
  auditToken = ((await res.json()) as { token: string }).token;
  await api.dispose();
});

test.afterAll(async () => {
  await servers?.stop();
});

// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures from this pattern; none is needed
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach("servers.log", { body: servers.log().slice(-20_000), contentType: "text/plain" });
});

const BUTTON = `Sign in with ${PROVIDER_NAME}`;

/** From the tracker's sign-in page through the provider's login form; returns the callback URL the provider sent. */
async function signInAtProvider(page: Page, login: string): Promise<string> {
  await page.goto("/login");
  await hydrated(page);
  await page.getByRole("button", { name: BUTTON }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/interaction\//);
  return completeProviderLogin(page, login);
}

/** Once the provider has a session for this browser, it answers at once, without its login form. */
async function signInAgain(page: Page) {
  if (!page.url().includes("/login")) await page.goto("/login");
  await hydrated(page);
  const callback = page.waitForRequest((r) => r.url().includes("/api/auth/callback/oidc"));
  await page.getByRole("button", { name: BUTTON }).click();
  await callback;
}

async function completeProviderLogin(page: Page, login: string): Promise<string> {
  const callback = page.waitForRequest((r) => r.url().includes("/api/auth/callback/oidc"));
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  return (await callback).url();
}

type AuditEntry = { action: string; entityId: string | null; actor: { email: string } | null; details: Record<string, unknown> };

async function auditEntries(request: APIRequestContext, action: string): Promise<AuditEntry[]> {
  const res = await request.get(`/api/v1/audit?action=${action}&pageSize=100`, { headers: { authorization: `Bearer ${auditToken}` } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { entries: AuditEntry[] }).entries;
}

async function expectRefusal(page: Page, reason: string, text: string | RegExp) {
  await expect(page).toHaveURL(new RegExp(`/login\\?error=sso_${reason}$`));
  await expect(page.getByTestId("sso-error")).toHaveText(text);
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  // No session: a page for members sends the browser back to sign in.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
}

async function expectSignedOut(page: Page) {
  const session = await page.request.get("/api/auth/session");
  expect(await session.json()).toEqual({});
}

test("the sign-in page offers the provider above the password form, which is off but for the secretariat's emergency sign-in", async ({ page, browser }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: BUTTON })).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveCount(0);
  await expect(page.getByText("Sign-in with a password is turned off: please use the button above.")).toBeVisible();
  await page.getByRole("link", { name: "Emergency sign-in for the secretariat" }).click();
  await expect(page.getByTestId("break-glass-intro")).toBeVisible();
  await expect(page.getByLabel("Password")).toBeVisible();

  const ru = await browser.newContext({ baseURL: TRACKER_URL, locale: "ru-RU", extraHTTPHeaders: { "Accept-Language": "ru-RU,ru;q=0.9" } });
  const ruPage = await ru.newPage();
  await ruPage.goto("/login");
  await expect(ruPage.getByRole("button", { name: `Войти через ${PROVIDER_NAME}` })).toBeVisible();
  await expect(ruPage.getByText("Вход по паролю отключен: воспользуйтесь кнопкой выше.")).toBeVisible();
  await ruPage.goto("/login?error=sso_unverified_email");
  await expect(ruPage.getByTestId("sso-error")).toContainText(`${PROVIDER_NAME} не подтвердил, что ваш адрес электронной почты проверен`);
  await ru.close();
});

test("a delegate signs in through the provider and lands on the home page as their own account", async ({ page, request }) => {
  await signInAtProvider(page, "delegate");
  await expect(page).toHaveURL(`${TRACKER_URL}/`);
  await expect(page.getByTestId("signed-in-as")).toContainText("Sofia Rossi");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
  // The session carries the tracker's own id, not the provider's subject ("delegate").
  const session = (await (await page.request.get("/api/auth/session")).json()) as { user: { id: string } };
  expect(session.user.id).toMatch(/^\d+$/);
  const signIns = await auditEntries(request, "user.sign_in");
  expect(signIns[0]).toMatchObject({ actor: { email: "delegate@telco.example" }, details: { method: "oidc", issuer: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), subject: "delegate" } });
});

test("the provider's address in another case matches the account", async ({ page }) => {
  await signInAtProvider(page, "swiss");
  await expect(page.getByTestId("signed-in-as")).toContainText("Marc Dubois");
});

test("an unknown e-mail is refused with a clear message, an audit row and no session", async ({ page, request }) => {
  await signInAtProvider(page, "stranger");
  await expectRefusal(page, "unknown_email", `${PROVIDER_NAME} signed you in, but no account here has the e-mail address it gave. Ask the secretariat of your study group to open an account for that address.`);
  const refused = await auditEntries(request, "user.sign_in_refused");
  expect(refused[0]).toMatchObject({ actor: null, entityId: null, details: { method: "oidc", reason: "unknown_email", email: "stranger@elsewhere.example", subject: "stranger" } });
});

test("an e-mail the provider has not verified is refused", async ({ page, request }) => {
  await signInAtProvider(page, "unverified");
  await expectRefusal(page, "unverified_email", /did not confirm that your e-mail address is verified/);
  const refused = await auditEntries(request, "user.sign_in_refused");
  expect(refused[0]).toMatchObject({ details: { reason: "unverified_email", email: "delegate@university.example" } });
});

test("an ID token issued to another client (wrong audience) is refused", async ({ page, request }) => {
  await signInAtProvider(page, "wrong-audience");
  await expectRefusal(page, "wrong_audience", /was issued for another application, not for this site/);
  const refused = await auditEntries(request, "user.sign_in_refused");
  expect(refused[0]).toMatchObject({ details: { reason: "wrong_audience", detail: expect.stringContaining("aud mismatch, expected tracker, got: another-application") } });
});

test("the provider's answer works once: replayed after the sign-in, in another browser, it is refused", async ({ page, browser, request }) => {
  const callbackUrl = await signInAtProvider(page, "rapporteur");
  await expect(page.getByTestId("signed-in-as")).toContainText("Li Wei");
  const other = await browser.newContext({ baseURL: TRACKER_URL });
  const replay = await other.newPage();
  await replay.goto(callbackUrl);
  await expectRefusal(replay, "state_replayed", "This sign-in answer has already been used: for your safety it works only once. Please start again.");
  await other.close();
  const refused = await auditEntries(request, "user.sign_in_refused");
  expect(refused[0]).toMatchObject({ details: { reason: "state_replayed" } });
});

test("a sign-in whose state has expired in the browser is refused", async ({ page, context }) => {
  await page.goto("/login");
  await hydrated(page);
  await page.getByRole("button", { name: BUTTON }).click();
  await expect(page).toHaveURL(/\/interaction\//);
  // Fifteen minutes at the provider's login page: the browser drops next-auth's short-lived cookies.
  const cookies = await context.cookies(TRACKER_URL);
  const checks = cookies.filter((c) => /next-auth\.(state|pkce\.code_verifier|nonce)/.test(c.name));
  expect(checks.map((c) => c.name).sort()).toEqual(["next-auth.nonce", "next-auth.pkce.code_verifier", "next-auth.state"]);
  await context.addCookies(checks.map((c) => ({ ...c, value: "", expires: 1 })));
  await completeProviderLogin(page, "delegate");
  await expectRefusal(page, "state_expired", "This sign-in has expired (it took too long, or was started in another browser). Please start again.");
});

test("an answer to a sign-in started in another tab is refused (state mismatch)", async ({ page, context }) => {
  await page.goto("/login");
  await hydrated(page);
  await page.getByRole("button", { name: BUTTON }).click();
  await expect(page).toHaveURL(/\/interaction\//);
  const second = await context.newPage();
  await second.goto("/login");
  await hydrated(second);
  await second.getByRole("button", { name: BUTTON }).click();
  await expect(second).toHaveURL(/\/interaction\//);
  // The first tab's answer arrives, but the browser now holds the second sign-in's state.
  await completeProviderLogin(page, "delegate");
  await expectRefusal(page, "state_mismatch", /does not belong to the sign-in started in this browser/);
});

test("cancelling at the provider comes back with a message and no session", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await page.getByRole("button", { name: BUTTON }).click();
  await page.getByRole("link", { name: "[ Cancel ]" }).click();
  await expectRefusal(page, "provider_denied", `${PROVIDER_NAME} did not sign you in (it was cancelled or refused). Please try again.`);
});

/** The break-glass secretariat, through the emergency form. */
async function signInBreakGlass(page: Page) {
  await page.goto("/login?emergency=1");
  await hydrated(page);
  await page.getByLabel("E-mail").fill(BREAK_GLASS);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText("Anna Keller");
}

async function setActive(browser: Browser, name: string, active: boolean) {
  const context = await browser.newContext({ baseURL: TRACKER_URL });
  const page = await context.newPage();
  await signInBreakGlass(page);
  await page.goto(`/secretariat/accounts?q=${encodeURIComponent(name)}`);
  await page.getByRole("link", { name }).click();
  await expect(page).toHaveURL(/\/secretariat\/accounts\/\d+/);
  await hydrated(page);
  await page.getByLabel("Reason").fill(active ? "Back in the delegation" : "Left the delegation");
  await page.getByRole("button", { name: active ? "Reactivate account" : "Deactivate account" }).click();
  await expect(page.getByText(active ? "Account reactivated: it can sign in again." : /^Account deactivated: it can no longer sign in/)).toBeVisible();
  await context.close();
}

test("a deactivated account loses its provider session at once, and cannot sign in through the provider", async ({ page, browser, request }) => {
  await signInAtProvider(page, "associate20");
  await expect(page.getByTestId("signed-in-as")).toContainText("Olga Petrova");
  await setActive(browser, "Olga Petrova", false);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  // The provider still has its own session for this browser: it sends the answer straight back.
  await signInAgain(page);
  await expectRefusal(page, "deactivated", "This account has been deactivated. Please contact the secretariat of your study group to restore it.");
  const refused = await auditEntries(request, "user.sign_in_refused");
  expect(refused[0]).toMatchObject({ entityId: expect.stringMatching(/^\d+$/), details: { reason: "deactivated", email: "delegate@associate-sg20.example" } });
});

test("with password sign-in off, only the break-glass secretariat gets in with a password, in the form and at the token endpoint", async ({ page, request }) => {
  for (const email of ["delegate@telco.example", LISTED_DELEGATE]) {
    const res = await request.post("/api/v1/tokens", { data: { email, password: DEMO_PASSWORD, label: "script" } });
    expect(res.status()).toBe(401);
    expect(((await res.json()) as { message: string }).message).toMatch(/^Sign-in with a password is turned off here/);
  }
  // The hidden form is not the only guard: next-auth's credentials endpoint refuses too.
  const csrf = ((await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  await page.request.post("/api/auth/callback/credentials", { form: { csrfToken: csrf, email: "delegate@telco.example", password: DEMO_PASSWORD, json: "true" } });
  await expectSignedOut(page);

  await page.goto("/login?emergency=1");
  await hydrated(page);
  await page.getByLabel("E-mail").fill(LISTED_DELEGATE);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("login-error")).toContainText("Sign-in with a password is turned off here");
  await signInBreakGlass(page);
});

test("an unknown verified address of an allowed domain asks for an account; the secretariat approves it with an organisation", async ({ page, browser, request }) => {
  await signInAtProvider(page, "new-delegate");
  await expectRefusal(page, "pending_created", /Your request for an account has been sent to the secretariat/);
  const requests = await auditEntries(request, "user.request");
  expect(requests[0]).toMatchObject({ details: { method: "oidc", email: "new.delegate@telco.example", name: "New Delegate" } });
  // The provider remembers this browser: the button brings its answer straight back.
  await signInAgain(page);
  await expectRefusal(page, "pending", /still awaiting the secretariat's approval/);

  const context = await browser.newContext({ baseURL: TRACKER_URL });
  const sec = await context.newPage();
  await signInBreakGlass(sec);
  await sec.goto("/secretariat/accounts");
  await sec.getByTestId("pending-accounts").getByRole("link", { name: "New Delegate" }).click();
  // A client-side navigation: the list page stays hydrated until the account's page replaces it.
  await expect(sec).toHaveURL(/\/secretariat\/accounts\/\d+/);
  await expect(sec.getByTestId("approve-form")).toBeVisible();
  await hydrated(sec);
  await sec.getByTestId("approve-form").getByLabel("Organisation").selectOption({ label: "Example Telecom Ltd (Sector Member, United Kingdom)" });
  await sec.getByRole("button", { name: "Approve" }).click();
  await expect(sec.getByTestId("decided")).toHaveText("The account is approved: New Delegate can now sign in as a member of Example Telecom Ltd.");
  await expect(sec.getByTestId("pending-notice")).toHaveCount(0);
  await context.close();

  await signInAgain(page);
  await expect(page.getByTestId("signed-in-as")).toContainText("New Delegate");
  await expect(page.getByTestId("signed-in-as")).toContainText("New Delegate (Example Telecom Ltd)");
});

test("when the provider cannot be reached, the button comes back with a message", async ({ page, request }) => {
  await servers.stopProvider();
  await page.goto("/login");
  await hydrated(page);
  await page.getByRole("button", { name: BUTTON }).click();
  await expect(page).toHaveURL(/\/login\?error=sso_provider_unreachable$/);
  await expect(page.getByTestId("sso-error")).toHaveText(`${PROVIDER_NAME} cannot be reached at the moment. Please try again in a few minutes; if it persists, tell the secretariat.`);
  const refused = await auditEntries(request, "user.sign_in_refused");
  expect(refused[0]).toMatchObject({ details: { reason: "provider_unreachable", detail: expect.stringContaining("ECONNREFUSED") } });
});
