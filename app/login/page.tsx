import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/config/demo";
import { getActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { isDemoMode } from "@/lib/config/settings";
import { DemoAccounts, LoginForm } from "./login-form";

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

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl } = await searchParams;
  if (await getActor()) redirect("/");
  const { t } = await getT();
  const [beforePassword, afterPassword] = t("common.login.demoPassword", { password: "\u0000" }).split("\u0000");
  return (
    <>
      <h1>{t("common.login.title")}</h1>
      <p>{t("common.login.intro")}</p>
      <LoginForm callbackUrl={callbackUrl ?? null} />
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
