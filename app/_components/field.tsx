// A labelled form control with its hint above and its error below, and the aria attributes that tie them together.
import { describedBy, FieldError } from "./upload-kit";

/** The aria attributes of a form control with an optional hint and error below it. */
export function fieldAria(id: string, error: string | undefined, hint = false) {
  return { "aria-invalid": error ? true : undefined, "aria-describedby": describedBy(id, error, hint) } as const;
}

type FieldProps = { id: string; label: React.ReactNode; hint?: React.ReactNode; error: string | undefined; children: React.ReactNode };

/** A labelled form control with its hint above and its error below. */
export function Field({ id, label, hint, error, children }: FieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldError id={id} message={error} />
    </div>
  );
}
