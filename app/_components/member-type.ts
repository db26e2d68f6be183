// The kind of ITU-T membership an organisation holds, in the reader's language ("Associate of SG20").
import type { MemberType } from "@/lib/domain";
import type { MessageKey, Translator } from "@/lib/i18n/translate";
import type { ActorOrganisation } from "@/lib/auth/permissions";

const MEMBER_TYPE_KEY: Record<MemberType, MessageKey> = {
  member_state: "common.memberType.member_state",
  sector_member: "common.memberType.sector_member",
  associate: "common.memberType.associate",
  academia: "common.memberType.academia",
};

export function memberTypeLabel(organisation: Pick<ActorOrganisation, "memberType" | "associateStudyGroupCode">, t: Translator): string {
  const type = t(MEMBER_TYPE_KEY[organisation.memberType]);
  return organisation.associateStudyGroupCode ? t("common.memberType.of", { type, group: organisation.associateStudyGroupCode }) : type;
}
