import type { Metadata } from "next";
import Link from "next/link";
import { checkPasswordLink, resetPasswordWithToken } from "@/lib/data/accounts";
import { formatGeneva } from "@/lib/geneva-time";
import { MIN_PASSWORD_LENGTH } from "@/lib/passwords";
import { ResetPasswordForm, type ResetState } from "./reset-form";

export const metadata: Metadata = { title: "Choose a password", robots: { index: false, follow: false }, referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

/** No session is needed: the one-time link is the credential, and the data layer checks it again. */
async function resetPasswordAction(token: string, _prev: ResetState, formData: FormData): Promise<ResetState> {
  "use server";
  const password = formData.get("password");
  const repeat = formData.get("repeat");
  if (typeof password !== "string" || typeof repeat !== "string" || password.length === 0) {
    return { error: "Type your new password twice.", fields: { password: "Type your new password." } };
  }
  if (password !== repeat) {
    return { error: "The two passwords are not the same.", fields: { repeat: "Type exactly the same password again." } };
  }
  const result = await resetPasswordWithToken(token, password);
  if (!result.ok) return { error: result.message, fields: result.fields?.password ? { password: result.fields.password } : undefined };
  return { done: true };
}

export default async function ResetPasswordPage({ params }: Props) {
  const { token } = await params;
  const link = checkPasswordLink(token);
  return (
    <>
      <h1>Choose a password</h1>
      {link.ok ? (
        <>
          <p>
            For the account <strong>{link.value.email}</strong> ({link.value.name}). This link works once, until{" "}
            {formatGeneva(link.value.expiresAt, { seconds: false })} Geneva time.
          </p>
          <ResetPasswordForm action={resetPasswordAction.bind(null, token)} email={link.value.email} minLength={MIN_PASSWORD_LENGTH} />
        </>
      ) : (
        <>
          <div className="error-box" role="alert" data-testid="reset-link-error">
            {link.message}
          </div>
          <p>
            <Link href="/login">Sign in</Link>
          </p>
        </>
      )}
    </>
  );
}
