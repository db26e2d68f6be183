// Why a single sign-on was refused: the codes of the audit log and of the sign-in page's `?error=`, no dependencies.

/**
 * - unknown_email: the provider vouched for an address no account has (and pending accounts are off)
 * - unverified_email: the provider does not say that it verified the address (or gave none)
 * - deactivated: the matched account was deactivated by the secretariat
 * - pending_created / pending: an account awaiting the secretariat's approval was opened / still waits
 * - wrong_audience: the ID token was issued to another client
 * - wrong_issuer: the ID token, or the discovery document, names another issuer than OIDC_ISSUER
 * - token_invalid: the ID token failed another check (signature, expiry, nonce)
 * - state_expired: the browser no longer holds the sign-in's state (it expired, or cookies were cleared)
 * - state_replayed: the provider's answer was already used for a sign-in
 * - state_mismatch: the answer belongs to another sign-in than the one this browser started
 * - code_rejected: the provider refused to exchange its code (already used, or expired)
 * - provider_denied: the provider answered with an error (the person cancelled, or is not allowed)
 * - provider_unreachable: the provider could not be reached (discovery or token endpoint)
 * - provider_error: anything else the provider did wrong
 * - throttled: too many refused sign-ins from this address
 */
export const OIDC_REFUSALS = [
  "unknown_email",
  "unverified_email",
  "deactivated",
  "pending_created",
  "pending",
  "wrong_audience",
  "wrong_issuer",
  "token_invalid",
  "state_expired",
  "state_replayed",
  "state_mismatch",
  "code_rejected",
  "provider_denied",
  "provider_unreachable",
  "provider_error",
  "throttled",
] as const;

export type OidcRefusal = (typeof OIDC_REFUSALS)[number];

/** The sign-in page's `?error=` value for a refusal: a prefix keeps it apart from next-auth's own codes. */
export const OIDC_ERROR_PREFIX = "sso_";

export function oidcErrorParam(reason: OidcRefusal): string {
  return OIDC_ERROR_PREFIX + reason;
}

export function oidcRefusalFromParam(param: string | undefined | null): OidcRefusal | null {
  if (!param?.startsWith(OIDC_ERROR_PREFIX)) return null;
  const reason = param.slice(OIDC_ERROR_PREFIX.length);
  return (OIDC_REFUSALS as readonly string[]).includes(reason) ? (reason as OidcRefusal) : null;
}
