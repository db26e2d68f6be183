// The LATE / On time badge of a contribution or a version: one look and one wording on every page that shows it.
import type { Translator } from "@/lib/i18n/translate";

type Props = {
  late: boolean;
  t: Translator;
  /** Whether an on-time item shows "On time" (the default) or nothing: lists that mark only the late ones say false. */
  onTime?: boolean;
  testId?: string;
};

export function LateBadge({ late, t, onTime = true, testId }: Props) {
  if (late) {
    return (
      <span className="badge late" data-testid={testId}>
        {t("member.badge.late")}
      </span>
    );
  }
  return onTime ? (
    <span className="badge ontime" data-testid={testId}>
      {t("member.badge.onTime")}
    </span>
  ) : null;
}
