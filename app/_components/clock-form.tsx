"use client";
// The secretariat's control of the simulated clock: a Geneva date-time, or a jump around the cutoff.
import { useActionState } from "react";
import { setClockAction, type ClockFormState } from "@/app/actions";

export function ClockForm({ deadlineAt }: { deadlineAt: number | null }) {
  const [state, action, pending] = useActionState<ClockFormState, FormData>(setClockAction, {});
  return (
    <form action={action} aria-label="Set the simulated clock">
      <label htmlFor="sim-at" className="visually-hidden">
        Simulated Geneva time
      </label>
      <input id="sim-at" name="at" type="datetime-local" step="1" />
      <button type="submit" disabled={pending}>
        Set (Geneva time)
      </button>
      {deadlineAt !== null ? (
        <>
          <button type="submit" name="preset" value={String(deadlineAt - 60_000)} disabled={pending}>
            1 min before the cutoff
          </button>
          <button type="submit" name="preset" value={String(deadlineAt + 60_000)} disabled={pending}>
            1 min after
          </button>
        </>
      ) : null}
      <span role="status">{state.error ?? state.message ?? ""}</span>
    </form>
  );
}
