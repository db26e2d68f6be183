"use client";
// The secretariat's control of the simulated clock: a Geneva date-time, or a jump around the cutoff.
import { useActionState } from "react";
import { setClockAction, type ClockFormState } from "@/app/actions";
import { useT } from "./i18n-provider";

export function ClockForm({ deadlineAt }: { deadlineAt: number | null }) {
  const { t } = useT();
  const [state, action, pending] = useActionState<ClockFormState, FormData>(setClockAction, {});
  return (
    <form action={action} aria-label={t("common.clock.form")}>
      <label htmlFor="sim-at" className="visually-hidden">
        {t("common.clock.input")}
      </label>
      <input id="sim-at" name="at" type="datetime-local" step="1" />
      <button type="submit" disabled={pending}>
        {t("common.clock.set")}
      </button>
      {deadlineAt !== null ? (
        <>
          <button type="submit" name="preset" value={String(deadlineAt - 60_000)} disabled={pending}>
            {t("common.clock.minuteBefore")}
          </button>
          <button type="submit" name="preset" value={String(deadlineAt + 60_000)} disabled={pending}>
            {t("common.clock.minuteAfter")}
          </button>
        </>
      ) : null}
      <span role="status">{state.error ?? state.message ?? ""}</span>
    </form>
  );
}
