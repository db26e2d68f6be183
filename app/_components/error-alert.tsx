// A form's failure, announced at once: nothing when there is none.
export function ErrorAlert({ message, testId, children }: { message: string | undefined; testId?: string; children?: React.ReactNode }) {
  return message ? (
    <div className="error-box" role="alert" data-testid={testId}>
      {message}
      {children}
    </div>
  ) : null;
}
