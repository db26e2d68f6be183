// How an account's organisation and roles read on the secretariat's pages, in the reader's language.
import type { AccountDto } from "@/lib/data/accounts";
import type { Translator } from "@/lib/i18n/translate";
import { organisationTypeLabel } from "@/lib/present/labels";

/** One line per role: "Member: …", "Rapporteur of Q3/20", "Secretariat of SG20 (…)"; the member line only when asked. */
export function roleLinesText(account: AccountDto, t: Translator, { withMember = true } = {}): string[] {
  const lines: string[] = [];
  const org = account.organisation;
  if (org && withMember) lines.push(t("secretariat.roleLine.member", { name: org.name, type: organisationTypeLabel(org, t) }));
  for (const r of account.rapporteurOf) {
    lines.push(t(r.kind === "rapporteur" ? "secretariat.roleLine.rapporteurOf" : "secretariat.roleLine.associateRapporteurOf", { code: r.code }));
  }
  for (const s of account.secretariatOf) {
    lines.push(s.title ? t("secretariat.roleLine.secretariatOfTitled", { code: s.code, title: s.title }) : t("secretariat.roleLine.secretariatOf", { code: s.code }));
  }
  return lines;
}
