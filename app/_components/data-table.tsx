// A table of records as every page draws it: a frame that scrolls sideways on a narrow screen, column headings that
// screen readers announce with each cell (scope="col"), an optional caption for them alone, and the caller's rows.
type Props = {
  /** The column headings, in order. */
  columns: readonly React.ReactNode[];
  /** A caption read by screen readers only (the page's heading already says it to the eye). */
  caption?: React.ReactNode;
  /** `stack-table`: on a narrow screen each row becomes a card, each cell headed by its `data-label`. */
  className?: string;
  /** The id of the heading that names the table. */
  labelledBy?: string;
  testId?: string;
  /** Inside the frame, above the table: a line about the rows (how many more the CSV has). */
  above?: React.ReactNode;
  /** The rows of the body. */
  children: React.ReactNode;
};

export function DataTable({ columns, caption, className, labelledBy, testId, above, children }: Props) {
  return (
    <div className="table-wrap">
      {above}
      <table className={className} aria-labelledby={labelledBy} data-testid={testId}>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((heading, i) => (
              // The headings are fixed for the page: their place is their identity.
              <th key={i} scope="col">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
