// A section set as a card with its heading: the shape of the secretariat's forms and the contribution's panels.
type Props = {
  /** The heading's id, which names the section. */
  id: string;
  heading: React.ReactNode;
  testId?: string;
  children: React.ReactNode;
};

export function CardSection({ id, heading, testId, children }: Props) {
  return (
    <section aria-labelledby={id} className="card" data-testid={testId}>
      <h2 id={id} style={{ marginTop: 0 }}>
        {heading}
      </h2>
      {children}
    </section>
  );
}
