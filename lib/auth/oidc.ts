// Single sign-on through the organisation's OpenID Connect provider: the next-auth provider, and the
// request context that turns each of next-auth's refusals into one clear reason, an audit row and no session.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { NextRequest } from "next/server";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import type { OidcSettings } from "@/lib/config/settings";
import { oidcErrorParam, type OidcRefusal } from "@/lib/domain/sign-in";
import { oidcThrottleWait, recordOidcRefusal, signInWithOidc, stateDigest, wasStateUsed } from "@/lib/data/oidc-sign-in";

export const OIDC_PROVIDER_ID = "oidc";

/** The claims the tracker reads; a provider may send more, which are ignored. */
export type OidcClaims = {
  iss?: string;
  sub: string;
  aud?: string | string[];
  email?: string;
  email_verified?: boolean | string;
  name?: string;
};

/**
 * The next-auth provider: authorization code with PKCE, state and nonce; the endpoints and keys come
 * from the issuer's discovery document. openid-client checks the ID token's signature, issuer,
 * audience (and `azp`), expiry and nonce before anything here sees a claim.
 */
export function oidcProvider(config: OidcSettings): OAuthConfig<OidcClaims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: config.name ?? "single sign-on",
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    checks: ["pkce", "state", "nonce"],
    idToken: true,
    httpOptions: { timeout: 10_000 },
    userinfo: {
      // The e-mail claims are often only at the userinfo endpoint (OpenID Connect Core 5.4): ask it
      // when the ID token lacks them. openid-client checks that its `sub` is the ID token's.
      async request({ tokens, client }) {
        // next-auth's type is the plain parameters; at run time it is openid-client's TokenSet.
        const set = tokens as unknown as TokenSet;
        const claims = set.claims() as unknown as OidcClaims;
        if (typeof claims.email === "string" && claims.email_verified !== undefined) return claims;
        if (!client.issuer.metadata.userinfo_endpoint) return claims;
        const info = (await client.userinfo(set)) as Partial<OidcClaims>;
        return { ...info, ...claims, email: claims.email ?? info.email, email_verified: claims.email_verified ?? info.email_verified };
      },
    },
    profile(claims) {
      // Not a session version of the tracker: jwt() takes the matched account's (lib/auth/options.ts).
      return { id: claims.sub, email: claims.email ?? null, name: claims.name ?? null, sessionVersion: -1 };
    },
  };
}

// ---------------------------------------------------------------- the request context

type Failure = { reason: OidcRefusal; detail: string | null; recorded: boolean };
type Matched = { userId: number; sessionVersion: number };
type OidcContext = { address: string; stateDigest: string | null; failure: Failure | null; matched: Matched | null };

const contexts = new AsyncLocalStorage<OidcContext>();

function fail(context: OidcContext, reason: OidcRefusal, detail: string | null, recorded = false): void {
  // The first reason is the true one: next-auth logs a generic error after the specific one.
  context.failure ??= { reason, detail, recorded };
}

const NETWORK = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|socket hang up|timed out/i;

/**
 * What next-auth and openid-client said, as a reason. The messages are those of openid-client 5.7
 * and next-auth 4.24 (pinned); an unrecognised one is `provider_error`, still refused.
 */
export function classifyOidcError(code: string, message: string): OidcRefusal {
  if (NETWORK.test(message)) return "provider_unreachable";
  if (code === "SIGNIN_OAUTH_ERROR") return "provider_error";
  if (/^(State|PKCE code_verifier|Nonce) cookie was missing/.test(message)) return "state_expired";
  if (/could not be parsed|"exp" claim timestamp check failed|JWTExpired|decryption operation failed/i.test(message)) return "state_expired";
  if (/cookie was created for a different provider|^state mismatch|^state missing from the response|^nonce mismatch/.test(message)) return "state_mismatch";
  if (/^aud mismatch|^aud is missing the client_id|azp/.test(message)) return "wrong_audience";
  if (/^iss mismatch|^unexpected iss value|^iss missing from the response/.test(message)) return "wrong_issuer";
  if (/^invalid_grant\b/.test(message)) return "code_rejected";
  if (/JWT|jwt|signature|sub mismatch|missing required/.test(message)) return "token_invalid";
  return "provider_error";
}

function messageOf(metadata: unknown): string {
  if (metadata instanceof Error) return metadata.message;
  if (metadata && typeof metadata === "object") {
    const m = metadata as { error?: { message?: unknown }; message?: unknown };
    if (m.error && typeof m.error.message === "string") return m.error.message;
    if (typeof m.message === "string") return m.message;
  }
  return String(metadata ?? "");
}

/** next-auth's logger: notes the reason for the single sign-on in progress, and logs one line. */
export function noteAuthError(code: string, metadata: unknown): void {
  const message = messageOf(metadata);
  const context = contexts.getStore();
  if (context && ["SIGNIN_OAUTH_ERROR", "OAUTH_CALLBACK_ERROR", "OAUTH_CALLBACK_HANDLER_ERROR", "OAUTH_PARSE_PROFILE_ERROR"].includes(code)) {
    const m = metadata as { error_description?: unknown; providerId?: unknown } | undefined;
    // The provider's own answer (`?error=access_denied`): the person cancelled, or may not use this client.
    if (code === "OAUTH_CALLBACK_HANDLER_ERROR" && m && typeof m === "object" && "providerId" in m) {
      const description = typeof m.error_description === "string" ? `: ${m.error_description}` : "";
      fail(context, "provider_denied", `${message}${description}`);
    } else {
      fail(context, classifyOidcError(code, message), message);
    }
  }
  console.error(`[next-auth][error][${code}] ${message}`);
}

/**
 * next-auth's signIn callback for the provider: the ID token is valid; match its e-mail to an account.
 * Returns false to refuse (the route wrapper then sends the sign-in page the reason).
 */
export async function acceptOidcSignIn(claims: OidcClaims | undefined, config: OidcSettings): Promise<boolean> {
  const context = contexts.getStore();
  if (!context || !claims) return false;
  const issuer = typeof claims.iss === "string" ? claims.iss.replace(/\/+$/, "") : "";
  // openid-client checked `iss` against the discovery document; this checks the document against OIDC_ISSUER.
  if (issuer !== config.issuer) {
    fail(context, "wrong_issuer", `ID token issuer ${claims.iss ?? "(none)"}, expected ${config.issuer}`);
    return false;
  }
  const verified = claims.email_verified === true || claims.email_verified === "true";
  const outcome = await signInWithOidc(
    { issuer, subject: String(claims.sub), email: typeof claims.email === "string" ? claims.email : null, emailVerified: verified, name: claims.name ?? null },
    { address: context.address, stateDigest: context.stateDigest },
    { pendingAccounts: config.pendingAccounts },
  );
  if (!outcome.ok) {
    fail(context, outcome.reason, null, true);
    return false;
  }
  context.matched = { userId: outcome.userId, sessionVersion: outcome.sessionVersion };
  return true;
}

/**
 * The account matched for the single sign-on in progress, with its session version: the token's
 * subject is the tracker's own user id, never the provider's `sub`.
 */
export function matchedOidcAccount(): Matched {
  const matched = contexts.getStore()?.matched;
  if (!matched) throw new Error("No account was matched for this single sign-on.");
  return matched;
}

// ---------------------------------------------------------------- the route wrapper

type RouteContext = { params: Promise<{ nextauth: string[] }> };
type Handler = (request: NextRequest, context: RouteContext) => Promise<Response>;

function loginWithError(reason: OidcRefusal): string {
  return `/login?error=${oidcErrorParam(reason)}`;
}

/** Sends the browser to the sign-in page with the reason, keeping the cookies next-auth set or cleared. */
function redirectTo(response: Response, target: string): Response {
  const headers = new Headers(response.headers);
  if (headers.has("Location")) {
    headers.set("Location", target);
    return new Response(null, { status: 302, headers });
  }
  // next-auth/react's signIn() asks for JSON ({ url }) and follows the url itself.
  if (headers.get("Content-Type")?.includes("application/json")) {
    return new Response(JSON.stringify({ url: target }), { status: 200, headers });
  }
  return response;
}

/** Whether next-auth answered with its error page (a redirect, or the JSON `{ url }` that signIn() follows). */
async function leadsToErrorPage(response: Response): Promise<boolean> {
  const location = response.headers.get("Location");
  if (location) return location.includes("/api/auth/error");
  if (!response.headers.get("Content-Type")?.includes("application/json")) return false;
  const body = (await response.clone().json().catch(() => null)) as { url?: unknown } | null;
  return typeof body?.url === "string" && body.url.includes("/api/auth/error");
}

/**
 * Wraps next-auth's route handler. For the provider's sign-in and callback it runs next-auth inside
 * a context that collects why a sign-in was refused; then it records the refusal (an audit row and a
 * failure for the address's throttling) and sends the browser to /login?error=sso_<reason> rather
 * than next-auth's generic OAuthCallback. Everything else passes through untouched.
 */
export function withOidcOutcomes(handler: Handler, clientAddress: (request: NextRequest) => string): Handler {
  return async (request, routeContext) => {
    const { pathname, searchParams } = request.nextUrl;
    const phase = pathname.endsWith(`/callback/${OIDC_PROVIDER_ID}`) ? "callback" : pathname.endsWith(`/signin/${OIDC_PROVIDER_ID}`) ? "signin" : null;
    if (!phase) return handler(request, routeContext);
    const context: OidcContext = {
      address: clientAddress(request),
      stateDigest: phase === "callback" ? stateDigest(searchParams.get("state")) : null,
      failure: null,
      matched: null,
    };
    if (phase === "callback" && oidcThrottleWait(context.address) > 0) {
      recordOidcRefusal("throttled", context);
      return new Response(null, { status: 302, headers: { Location: loginWithError("throttled") } });
    }
    const response = await contexts.run(context, () => handler(request, routeContext));
    // next-auth's own error page without a reason noted: something of ours failed (its message would be in the URL).
    if (!context.failure && (await leadsToErrorPage(response))) fail(context, "provider_error", "next-auth error page without a recognised reason");
    const failure = context.failure;
    if (!failure) return response;
    // A missing state after a sign-in that used it is a replay (the back button, or a copied URL).
    if (failure.reason === "state_expired" && context.stateDigest && wasStateUsed(context.stateDigest)) failure.reason = "state_replayed";
    if (!failure.recorded) recordOidcRefusal(failure.reason, context, { detail: failure.detail });
    return redirectTo(response, loginWithError(failure.reason));
  };
}
