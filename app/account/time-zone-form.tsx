"use client";
// The account's time zone: the zone in which every time is shown beside Geneva time, or the browser's own.
import { useActionState, useSyncExternalStore } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { browserTimeZone } from "@/lib/present/time";
import { setTimeZoneAction, type TimeZoneState } from "./actions";
import { ErrorAlert } from "@/app/_components/error-alert";

const subscribe = () => () => {};

export function TimeZoneForm({ current, zones }: { current: string | null; zones: string[] }) {
  const { t } = useT();
  const [state, action, pending] = useActionState<TimeZoneState, FormData>(setTimeZoneAction, {});
  // Only the browser knows its zone: nothing is shown for it in the server's HTML.
  const detected = useSyncExternalStore(subscribe, browserTimeZone, () => null);
  return (
    <form action={action} className="stack" aria-labelledby="time-zone-heading">
      <ErrorAlert message={state.error} />
      <div className="field">
        <label htmlFor="time-zone">{t("common.account.timeZone.label")}</label>
        <p id="time-zone-hint" className="hint">
          {t("common.account.timeZone.hint")}
          {detected ? ` ${t("common.account.timeZone.detected", { zone: detected })}` : null}
        </p>
        <select id="time-zone" name="timeZone" defaultValue={current ?? ""} aria-describedby="time-zone-hint" data-testid="time-zone-select">
          <option value="">{t("common.account.timeZone.browser")}</option>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={pending}>
          {t("common.account.timeZone.save")}
        </button>
        <span role="status">{state.message ?? ""}</span>
      </div>
    </form>
  );
}
