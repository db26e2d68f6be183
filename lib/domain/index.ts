// The domain's enumerations and value types for pages and actions, which never import db/ themselves.
export {
  CONTRIBUTION_STATUSES,
  LATE_REQUEST_STATUSES,
  MEETING_MODES,
  MEMBER_TYPES,
  PURPOSES,
  REVIEW_STATES,
  VERSION_KINDS,
} from "@/db/schema";
export type { ContributionStatus, LateRequestStatus, MeetingMode, MemberType, Purpose, ReviewState, VersionKind } from "@/db/schema";
