import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/config/demo";
import { getActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { isDemoMode, signInSettings } from "@/lib/config/settings";
import { oidcRefusalFromParam, type OidcRefusal } from "@/lib/domain/sign-in";
import { sameOriginPath } from "@/lib/http/same-origin";
import { DemoAccounts, LoginForm } from "./login-form";
import { SsoButton } from "./sso-button";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("common.login.title") };
}

/** The demo accounts' roles as the sign-in page describes them, by e-mail (lib/config/demo.ts holds the English). */
const DEMO_ROLE_KEY: Record<string, MessageKey> = {
  "tsb.sg20@secretariat.example": "common.login.demoRole.secretariat",
  "rapporteur.q3@sg20.example": "common.login.demoRole.rapporteurQ3",
  "rapporteur.q6@sg20.example": "common.login.demoRole.rapporteurQ6",
  "delegate@admin-ch.example": "common.login.demoRole.memberState",
  "delegate@telco.example": "common.login.demoRole.sectorMember",
  "delegate@university.example": "common.login.demoRole.academia",
  "delegate@associate-sg20.example": "common.login.demoRole.associateSg20",
  "delegate@associate-sg17.example": "common.login.demoRole.associateSg17",
};

const REFUSAL_KEY: Record<OidcRefusal, MessageKey> = {
  unknown_email: "sso.refusal.unknown_email",
  unverified_email: "sso.refusal.unverified_email",
  deactivated: "sso.refusal.deactivated",
  pending_created: "sso.refusal.pending_created",
  pending: "sso.refusal.pending",
  wrong_audience: "sso.refusal.wrong_audience",
  wrong_issuer: "sso.refusal.wrong_issuer",
  token_invalid: "sso.refusal.token_invalid",
  state_expired: "sso.refusal.state_expired",
  state_replayed: "sso.refusal.state_replayed",
  state_mismatch: "sso.refusal.state_mismatch",
  code_rejected: "sso.refusal.code_rejected",
  provider_denied: "sso.refusal.provider_denied",
  provider_unreachable: "sso.refusal.provider_unreachable",
  provider_error: "sso.refusal.provider_error",
  throttled: "sso.refusal.throttled",
};

type Search = { callbackUrl?: string; error?: string; emergency?: string };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { callbackUrl, error, emergency } = await searchParams;
  // Only a path on this site, whatever the link said: never an open redirect (the form checks it again).
  const returnTo = sameOriginPath(callbackUrl);
  if (await getActor()) redirect(returnTo);
  const { t } = await getT();
  const { oidc, passwordSignIn } = signInSettings();
  const [beforePassword, afterPassword] = t("common.login.demoPassword", { password: "\u0000" }).split("\u0000");
  const provider = oidc?.name ?? t("sso.providerGeneric");
  // A refusal of the single sign-on comes back as ?error=sso_<reason>; next-auth's own codes get the generic words.
  const refusal = oidcRefusalFromParam(error);
  const errorText = refusal ? t(REFUSAL_KEY[refusal], { provider }) : error ? t("sso.refusal.generic") : null;
  const breakGlass = !passwordSignIn && emergency === "1";
  const emergencyHref = `/login?emergency=1${returnTo !== "/" ? `&callbackUrl=${encodeURIComponent(returnTo)}` : ""}`;
  return (
    <>
      <h1>{t("common.login.title")}</h1>
      <p>{t("common.login.intro")}</p>
      {errorText ? (
        <div className="error-box" role="alert" data-testid="sso-error" data-reason={refusal ?? error} style={{ marginBottom: "1rem" }}>
          {errorText}
        </div>
      ) : null}
      {oidc ? <SsoButton label={oidc.name ? t("sso.login.button", { provider: oidc.name }) : t("sso.login.buttonGeneric")} callbackUrl={returnTo} /> : null}
      {passwordSignIn ? (
        <>
          {oidc ? <p style={{ marginTop: "1.5rem" }}>{t("sso.login.orPassword")}</p> : null}
          <LoginForm callbackUrl={returnTo} />
        </>
      ) : breakGlass ? (
        <>
          <p style={{ marginTop: "1.5rem" }} data-testid="break-glass-intro">
            {t("sso.login.breakGlassIntro")}
          </p>
          <LoginForm callbackUrl={returnTo} />
        </>
      ) : (
        <>
          <p style={{ marginTop: "1.5rem" }}>{t("sso.login.passwordOff")}</p>
          <p className="muted">
            <Link href={emergencyHref}>{t("sso.login.breakGlassLink")}</Link>
          </p>
        </>
      )}
      {isDemoMode() ? (
        <section className="card demo-accounts" aria-labelledby="demo-heading" style={{ marginTop: "1.5rem" }}>
          <h2 id="demo-heading">{t("common.login.demoHeading")}</h2>
          <p>
            {beforePassword}
            <code>{DEMO_PASSWORD}</code>
            {afterPassword}
          </p>
          <p>{t("public.demo.intro")}</p>
          <DemoAccounts accounts={DEMO_ACCOUNTS.map((a) => ({ email: a.email, name: a.name, role: DEMO_ROLE_KEY[a.email] ? t(DEMO_ROLE_KEY[a.email]) : a.role }))} password={DEMO_PASSWORD} />
        </section>
      ) : null}
    </>
  );
}
