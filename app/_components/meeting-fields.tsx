// The fields that describe a meeting (mode, location, first and last day, time zone), the same on the form that creates a meeting and on the one that changes it.
import { MEETING_MODES, type MeetingMode } from "@/lib/domain";
import type { MessageKey, Translator } from "@/lib/i18n/translate";

// The form's own words for the modes (the Russian "hybrid" differs from the meeting page's MEETING_MODE_KEY).
const MODE_OPTION_KEY: Record<MeetingMode, MessageKey> = {
  physical: "secretariat.meetingForm.mode.physical",
  virtual: "secretariat.meetingForm.mode.virtual",
  hybrid: "secretariat.meetingForm.mode.hybrid",
};

export type MeetingFieldValues = { mode: string; location: string; firstDay?: string; lastDay?: string; timeZone: string };

type Props = {
  /** Prefix of the inputs' ids: each form on a page keeps its own. */
  idPrefix: string;
  values: MeetingFieldValues;
  t: Translator;
};

export function MeetingFields({ idPrefix, values, t }: Props) {
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <>
      <div>
        <label htmlFor={id("mode")}>{t("secretariat.meetingForm.mode")}</label>
        <select id={id("mode")} name="mode" defaultValue={values.mode}>
          {MEETING_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(MODE_OPTION_KEY[mode])}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={id("location")}>{t("secretariat.meetingForm.location")}</label>
        <input id={id("location")} name="location" type="text" defaultValue={values.location} />
      </div>
      <div>
        <label htmlFor={id("first")}>{t("secretariat.meetingForm.firstDay")}</label>
        <input id={id("first")} name="firstDay" type="date" defaultValue={values.firstDay} required />
      </div>
      <div>
        <label htmlFor={id("last")}>{t("secretariat.meetingForm.lastDay")}</label>
        <input id={id("last")} name="lastDay" type="date" defaultValue={values.lastDay} required />
      </div>
      <div>
        <label htmlFor={id("tz")}>{t("secretariat.meetingForm.timeZone")}</label>
        <input id={id("tz")} name="timeZone" type="text" defaultValue={values.timeZone} required />
      </div>
    </>
  );
}
