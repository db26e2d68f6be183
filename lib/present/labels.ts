// The domain's enumerations in the reader's language: one catalog key per value, the one place pages, CSV and messages take them from.
import type { ContributionStatus, LateRequestStatus, MeetingMode, MemberType, Purpose, ReviewState, SessionKind, VersionKind, VersionState } from "@/lib/domain";
import type { MessageKey, Translator } from "@/lib/i18n/translate";

export const CONTRIBUTION_STATUS_KEY: Record<ContributionStatus, MessageKey> = {
  active: "review.status.active",
  withdrawn: "review.status.withdrawn",
  late_request: "review.status.late_request",
  deferred: "review.status.deferred",
  reissued_td: "review.status.reissued_td",
  declined: "review.status.declined",
};

export const LATE_REQUEST_STATUS_KEY: Record<LateRequestStatus, MessageKey> = {
  awaiting_decision: "report.late.status.awaiting_decision",
  admitted: "report.late.status.admitted",
  deferred: "report.late.status.deferred",
  reissued_td: "report.late.status.reissued_td",
  declined: "report.late.status.declined",
};

/** The late request's status in words; an unknown status is shown as stored rather than hidden. */
export function lateRequestStatusLabel(status: string, t: Translator): string {
  const key = (LATE_REQUEST_STATUS_KEY as Record<string, MessageKey | undefined>)[status];
  return key ? t(key) : status;
}

export const VERSION_STATE_KEY = {
  accepted: "member.versionState.accepted",
  pending: "member.versionState.pending",
  refused: "member.versionState.refused",
} as const satisfies Record<VersionState, MessageKey>;

export const MEETING_MODE_KEY: Record<MeetingMode, MessageKey> = {
  physical: "common.meeting.mode.physical",
  virtual: "common.meeting.mode.virtual",
  hybrid: "common.meeting.mode.hybrid",
};

export const SESSION_KIND_KEY: Record<SessionKind, MessageKey> = {
  e_meeting: "secretariat.manage.sessions.kind.e_meeting",
  newcomers: "secretariat.manage.sessions.kind.newcomers",
  jca: "secretariat.manage.sessions.kind.jca",
  webinar: "secretariat.manage.sessions.kind.webinar",
  other: "secretariat.manage.sessions.kind.other",
};

export const PURPOSE_KEY: Record<Purpose, MessageKey> = {
  Proposal: "member.purpose.proposal",
  Information: "member.purpose.information",
  Discussion: "member.purpose.discussion",
  Decision: "member.purpose.decision",
  Other: "member.purpose.other",
};

export const REVIEW_STATE_KEY: Record<ReviewState, MessageKey> = {
  new: "review.state.new",
  in_review: "review.state.in_review",
  ready: "review.state.ready",
  needs_clarification: "review.state.needs_clarification",
};

/** A version as people name it: "Original", or its code ("Rev.1", "Add.2"), which is the same in every language. */
export function versionName(version: { kind: VersionKind; label: string }, t: Translator): string {
  return version.kind === "original" ? t("member.version.original") : version.label;
}

const MEMBER_TYPE_KEY: Record<MemberType, MessageKey> = {
  member_state: "common.memberType.member_state",
  sector_member: "common.memberType.sector_member",
  associate: "common.memberType.associate",
  academia: "common.memberType.academia",
};

/** The kind of ITU-T membership: "Sector Member", "Член Сектора". */
export function memberTypeLabel(type: MemberType, t: Translator): string {
  return t(MEMBER_TYPE_KEY[type]);
}

/** The kind of membership an organisation holds, with the study group of an Associate: "Associate of SG20". */
export function organisationTypeLabel(organisation: { memberType: MemberType; associateStudyGroupCode: string | null }, t: Translator): string {
  const type = memberTypeLabel(organisation.memberType, t);
  return organisation.associateStudyGroupCode ? t("common.memberType.of", { type, group: organisation.associateStudyGroupCode }) : type;
}
