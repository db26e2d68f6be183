"use client";
// Opens the browser's print dialog for the receipt.
import { useT } from "@/app/_components/i18n-provider";

export function PrintButton() {
  const { t } = useT();
  return (
    <button type="button" className="primary" onClick={() => window.print()}>
      {t("member.receipt.print")}
    </button>
  );
}
