"use client";
// The submission form's contact persons: up to ten, each with name, organization, country, telephone and e-mail, added and removed by keyboard too.
import { describedBy, FieldError } from "@/app/_components/upload-kit";
import { fieldAria } from "@/app/_components/field";
import { useT } from "@/app/_components/i18n-provider";
import type { MessageKey, Translator } from "@/lib/i18n/translate";

export type Contact = { name: string; organization: string; country: string; phone: string; email: string };
export type ContactRow = Contact & { key: number };

export const MAX_CONTACTS = 10;

// `named` is how a contact's field is named on its own ("Contact 2 e-mail"): the input's accessible name and the error summary's link.
const CONTACT_FIELDS = [
  { key: "name", named: "member.submit.contact.named.name", label: "member.submit.contact.name", type: "text", autoComplete: "name", required: true },
  {
    key: "organization",
    named: "member.submit.contact.named.organization",
    label: "member.submit.contact.organization",
    type: "text",
    autoComplete: "organization",
    required: true,
  },
  { key: "country", named: "member.submit.contact.named.country", label: "member.submit.contact.country", type: "text", autoComplete: "country-name", required: true },
  { key: "phone", named: "member.submit.contact.named.phone", label: "member.submit.contact.phone", type: "tel", autoComplete: "tel", required: false },
  { key: "email", named: "member.submit.contact.named.email", label: "member.submit.contact.email", type: "email", autoComplete: "email", required: true },
] as const satisfies ReadonlyArray<{ key: keyof Contact; named: MessageKey; label: MessageKey; type: string; autoComplete: string; required: boolean }>;

/** How the error summary names a contact's field (`contacts.1.email` is "Contact 2 e-mail"); null for a key that is not a contact's. */
export function describeContactField(key: string, t: Translator): string | null {
  const contact = /^contacts\.(\d+)\.(\w+)$/.exec(key);
  if (!contact) return null;
  const field = CONTACT_FIELDS.find((f) => f.key === contact[2]);
  const n = Number(contact[1]) + 1;
  return field ? t(field.named, { n }) : t("member.submit.contact.named.other", { n, field: contact[2] });
}

/** The problems of the contacts as typed, keyed as the API keys them. */
export function contactProblems(contacts: readonly Contact[], t: Translator): Record<string, string> {
  const problems: Record<string, string> = {};
  contacts.forEach((c, i) => {
    if (!c.name.trim()) problems[`contacts.${i}.name`] = t("member.submit.error.contactName");
    if (!c.organization.trim()) problems[`contacts.${i}.organization`] = t("member.submit.error.contactOrganization");
    if (!c.country.trim()) problems[`contacts.${i}.country`] = t("member.submit.error.contactCountry");
    if (!c.email.trim()) problems[`contacts.${i}.email`] = t("member.submit.error.contactEmail");
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c.email.trim())) problems[`contacts.${i}.email`] = t("member.submit.error.contactEmailInvalid");
  });
  return problems;
}

type Props = {
  contacts: readonly ContactRow[];
  fields: Record<string, string>;
  onChange: (index: number, key: keyof Contact, value: string) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
};

export function ContactsFieldset({ contacts, fields, onChange, onAdd, onRemove }: Props) {
  const { t } = useT();
  return (
    <fieldset id="contacts" aria-describedby={describedBy("contacts", fields.contacts)}>
      <legend>{t("member.submit.contactsLegend")}</legend>
      <FieldError id="contacts" message={fields.contacts} />
      {contacts.map((c, i) => (
        <fieldset key={c.key} className="contact">
          <legend>{t("member.submit.contact.legend", { n: i + 1 })}</legend>
          <div className="contact-grid">
            {CONTACT_FIELDS.map((f) => {
              const id = `contact-${i}-${f.key}`;
              const err = fields[`contacts.${i}.${f.key}`];
              return (
                <div key={f.key} className="field">
                  <label htmlFor={id}>
                    {t(f.label)}
                    {f.required ? null : <span className="muted"> {t("member.form.optional")}</span>}
                  </label>
                  <input
                    id={id}
                    type={f.type}
                    value={c[f.key]}
                    aria-label={t(f.named, { n: i + 1 })}
                    autoComplete={i === 0 ? f.autoComplete : "off"}
                    onChange={(e) => onChange(i, f.key, e.target.value)}
                    {...fieldAria(id, err)}
                  />
                  <FieldError id={id} message={err} />
                </div>
              );
            })}
          </div>
          {i > 0 ? (
            <p style={{ margin: ".5rem 0 0" }}>
              <button type="button" className="secondary" onClick={() => onRemove(i)}>
                {t("member.submit.contact.remove", { n: i + 1 })}
              </button>
            </p>
          ) : null}
        </fieldset>
      ))}
      {contacts.length < MAX_CONTACTS ? (
        <p style={{ margin: ".5rem 0 0" }}>
          <button id="add-contact" type="button" className="secondary" onClick={onAdd}>
            {t("member.submit.contact.add")}
          </button>
        </p>
      ) : null}
    </fieldset>
  );
}
