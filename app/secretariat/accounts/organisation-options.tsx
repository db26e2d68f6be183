// The organisations to choose among, named with their type and country, for the form that creates an account and the one that approves a pending one.
import type { Translator } from "@/lib/i18n/translate";
import { organisationTypeLabel } from "@/lib/present/labels";
import type { MemberType } from "@/lib/domain";

type Organisation = { id: number; name: string; country: string; memberType: MemberType; associateStudyGroupCode: string | null };

export function OrganisationOptions({ organisations, t }: { organisations: readonly Organisation[]; t: Translator }) {
  return organisations.map((o) => (
    <option key={o.id} value={o.id}>
      {t("secretariat.accounts.create.organisationOption", { name: o.name, type: organisationTypeLabel(o, t), country: o.country })}
    </option>
  ));
}
