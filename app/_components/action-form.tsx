"use client";
// A form bound to a server action: the action's message or error is announced, and the typed values stay.
import { useActionState } from "react";
import { useT } from "./i18n-provider";
import { LocalBeside } from "./when";
import { ErrorAlert } from "./error-alert";

/** `at`: an instant the message names in Geneva time, shown beside it in the reader's own time. */
export type ActionState = { error?: string; message?: string; at?: number; fields?: Record<string, string> };

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  submitLabel: string;
  children: React.ReactNode;
  className?: string;
  label?: string;
  testId?: string;
};

export function ActionForm({ action, submitLabel, children, className = "stack", label, testId }: Props) {
  const { t } = useT();
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className={className} aria-label={label} data-testid={testId}>
      <ErrorAlert message={state.error}>
        {state.fields ? (
          <ul>
            {/* Each message names its field in the reader's language; the field's code name would not. */}
            {Object.entries(state.fields).map(([field, message]) => (
              <li key={field}>{message}</li>
            ))}
          </ul>
        ) : null}
      </ErrorAlert>
      {children}
      <div>
        <button className="primary" type="submit" disabled={pending}>
          {pending ? t("review.form.saving") : submitLabel}
        </button>
      </div>
      <p role="status" className="muted" style={{ margin: 0 }}>
        {state.message ?? ""}
        {state.message && state.at !== undefined ? (
          <>
            {" "}
            <LocalBeside at={state.at} />
          </>
        ) : null}
      </p>
    </form>
  );
}
