import { describeFailure, fieldsText } from "@/lib/present/failures";
import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { MAX_PASSWORD_LENGTH } from "@/lib/data/accounts";
import { checkPasswordLink, resetPasswordWithToken } from "@/lib/data/password-links";
import { formatGeneva } from "@/lib/present/time";
import { getT } from "@/lib/i18n/server";
import { clientAddress } from "@/lib/http/client-address";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords";
import { ResetPasswordForm, type ResetState } from "./reset-form";
import { LocalBeside } from "@/app/_components/when";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("common.reset.title"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

type Props = { params: Promise<{ token: string }> };

/** No session is needed: the one-time link is the credential, and the data layer checks it again. */
async function resetPasswordAction(token: string, _prev: ResetState, formData: FormData): Promise<ResetState> {
  "use server";
  const { t, locale } = await getT();
  const password = formData.get("password");
  const repeat = formData.get("repeat");
  if (typeof password !== "string" || typeof repeat !== "string" || password.length === 0) {
    return { error: t("common.reset.error.missing"), fields: { password: t("common.reset.error.missingField") } };
  }
  if (password !== repeat) {
    return { error: t("common.reset.error.different"), fields: { repeat: t("common.reset.error.differentField") } };
  }
  // The data layer checks the link and the length again; checking here first gives the reader the reason in their language.
  const link = checkPasswordLink(token);
  if (!link.ok) return { error: describeFailure(link, locale) };
  const tooShort = password.length < MIN_PASSWORD_LENGTH;
  if (tooShort || password.length > MAX_PASSWORD_LENGTH) {
    const field = tooShort
      ? t("common.reset.error.tooShort", { min: MIN_PASSWORD_LENGTH })
      : t("common.reset.error.tooLong", { max: MAX_PASSWORD_LENGTH });
    return { error: t("common.reset.error.fields", { fields: field }), fields: { password: field } };
  }
  const result = await resetPasswordWithToken(token, password, clientAddress(await headers()));
  if (!result.ok) {
    const password = fieldsText(result, locale)?.password;
    return { error: describeFailure(result, locale), fields: password ? { password } : undefined };
  }
  return { done: true };
}

export default async function ResetPasswordPage({ params }: Props) {
  const { token } = await params;
  const { t, locale } = await getT();
  const link = checkPasswordLink(token);
  // The address is set in bold inside the sentence, wherever the language puts it.
  const [beforeEmail, afterEmail] = link.ok
    ? t("common.reset.intro", {
        email: "\u0000",
        name: link.value.name,
        until: formatGeneva(link.value.expiresAt, { seconds: false, locale }),
      }).split("\u0000")
    : [];
  return (
    <>
      <h1>{t("common.reset.title")}</h1>
      {link.ok ? (
        <>
          <p>
            {beforeEmail}
            <strong>{link.value.email}</strong>
            {afterEmail} <LocalBeside at={link.value.expiresAt} />
          </p>
          <ResetPasswordForm action={resetPasswordAction.bind(null, token)} email={link.value.email} minLength={MIN_PASSWORD_LENGTH} />
        </>
      ) : (
        <>
          <div className="error-box" role="alert" data-testid="reset-link-error">
            {describeFailure(link, locale)}
          </div>
          <p>
            <Link href="/login">{t("common.reset.signIn")}</Link>
          </p>
        </>
      )}
    </>
  );
}
