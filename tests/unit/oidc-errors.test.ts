// What next-auth and openid-client say when a single sign-on fails, as the reason the sign-in page and the
// audit log give. The messages are those of the pinned versions, as the browser tests provoke them for real.
import { describe, expect, it } from "vitest";
import { classifyOidcError } from "@/lib/auth/oidc";
import { OIDC_REFUSALS, oidcErrorParam, oidcRefusalFromParam } from "@/lib/domain/sign-in";

describe("classifyOidcError", () => {
  it.each([
    ["OAUTH_CALLBACK_ERROR", "State cookie was missing.", "state_expired"],
    ["OAUTH_CALLBACK_ERROR", "PKCE code_verifier cookie was missing.", "state_expired"],
    ["OAUTH_CALLBACK_ERROR", "Nonce cookie was missing.", "state_expired"],
    ["OAUTH_CALLBACK_ERROR", "State value could not be parsed.", "state_expired"],
    ["OAUTH_CALLBACK_ERROR", '"exp" claim timestamp check failed', "state_expired"],
    ["OAUTH_CALLBACK_ERROR", "state mismatch, expected abc, got: def", "state_mismatch"],
    ["OAUTH_CALLBACK_ERROR", "nonce mismatch, expected abc, got: def", "state_mismatch"],
    ["OAUTH_CALLBACK_ERROR", "next-auth.state cookie was created for a different provider than the one handling the callback.", "state_mismatch"],
    ["OAUTH_CALLBACK_ERROR", "aud mismatch, expected tracker, got: another-application", "wrong_audience"],
    ["OAUTH_CALLBACK_ERROR", 'aud is missing the client_id, expected tracker to be included in ["a","b"]', "wrong_audience"],
    ["OAUTH_CALLBACK_ERROR", "azp mismatch, got: another-application", "wrong_audience"],
    ["OAUTH_CALLBACK_ERROR", "iss mismatch, expected https://a, got: https://b", "wrong_issuer"],
    ["OAUTH_CALLBACK_ERROR", "unexpected iss value, expected https://a, got: https://b", "wrong_issuer"],
    ["OAUTH_CALLBACK_ERROR", "invalid_grant (grant request is invalid)", "code_rejected"],
    ["OAUTH_CALLBACK_ERROR", "JWT expired, now 1700000000, exp 1690000000", "token_invalid"],
    ["OAUTH_CALLBACK_ERROR", "failed to validate JWT signature", "token_invalid"],
    ["OAUTH_CALLBACK_ERROR", "connect ECONNREFUSED 127.0.0.1:4000", "provider_unreachable"],
    ["OAUTH_CALLBACK_ERROR", "outgoing request timed out after 10000ms", "provider_unreachable"],
    ["SIGNIN_OAUTH_ERROR", "getaddrinfo ENOTFOUND idp.itu.example", "provider_unreachable"],
    ["SIGNIN_OAUTH_ERROR", "expected 200 OK, got: 404 Not Found", "provider_error"],
    ["OAUTH_CALLBACK_ERROR", "invalid_client (client authentication failed)", "provider_error"],
  ])("%s %j is %s", (code, message, reason) => {
    expect(classifyOidcError(code, message)).toBe(reason);
  });
});

describe("the sign-in page's ?error=", () => {
  it("round-trips every reason, and nothing else", () => {
    for (const reason of OIDC_REFUSALS) expect(oidcRefusalFromParam(oidcErrorParam(reason))).toBe(reason);
    for (const other of [undefined, null, "", "OAuthCallback", "sso_", "sso_nonsense", "sso_toString", "unknown_email"]) {
      expect(oidcRefusalFromParam(other)).toBeNull();
    }
  });
});
