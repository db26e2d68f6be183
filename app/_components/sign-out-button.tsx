"use client";
import { signOut } from "next-auth/react";
import { useT } from "./i18n-provider";

export function SignOutButton() {
  const { t } = useT();
  return (
    <button type="button" className="link" onClick={() => signOut({ callbackUrl: "/login" })}>
      {t("common.signOut")}
    </button>
  );
}
