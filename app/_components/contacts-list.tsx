// A contribution's contact persons as one list: name, organization, country, the telephone when given, and the e-mail as a mailto link.
import type { Translator } from "@/lib/i18n/translate";

type Contact = { name: string; organization: string; country: string; phone: string | null; email: string };

type Props = {
  contacts: readonly Contact[];
  t: Translator;
  /** The list's class: `plain` on the member's pages, `rv-plain` on the review desk's. */
  className: string;
  /** The name in bold (the member's page) or as plain text (the review desk). */
  boldName?: boolean;
};

export function ContactsList({ contacts, t, className, boldName = false }: Props) {
  if (contacts.length === 0) return "—";
  return (
    <ul className={className}>
      {contacts.map((p, i) => (
        <li key={`${p.email}-${p.name}-${i}`}>
          {boldName ? <strong>{p.name}</strong> : p.name}, {p.organization}, {p.country}
          {p.phone ? `, ${t("member.contribution.phone", { phone: p.phone })}` : ""}, <a href={`mailto:${p.email}`}>{p.email}</a>
        </li>
      ))}
    </ul>
  );
}
