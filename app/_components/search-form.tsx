// The form that searches contributions' words, with a state (and, where offered, a Question) to narrow it, and the help line under it.
import { CONTRIBUTION_STATUSES } from "@/lib/domain";
import type { Translator } from "@/lib/i18n/translate";

type Props = {
  /** Where the form sends its GET request (with the anchor of the section to land on). */
  action: string;
  /** Prefix of the ids: two search forms can stand on one page. */
  idPrefix: string;
  /** The query parameters' names for the words and the state. */
  names: { words: string; state: string };
  values: { words?: string; state?: string; question?: string };
  /** The Questions to choose among; none, no Question field. */
  questions?: readonly { code: string }[];
  t: Translator;
};

export function SearchForm({ action, idPrefix, names, values, questions, t }: Props) {
  const helpId = `${idPrefix}-help`;
  return (
    <>
      <form method="get" action={action} className="search-form" role="search">
        <div className="search-box">
          <label htmlFor={`${idPrefix}-q`}>{t("search.form.words")}</label>
          <input id={`${idPrefix}-q`} name={names.words} type="search" defaultValue={values.words ?? ""} maxLength={200} aria-describedby={helpId} />
        </div>
        {questions ? (
          <div>
            <label htmlFor={`${idPrefix}-question`}>{t("search.form.question")}</label>
            <select id={`${idPrefix}-question`} name="question" defaultValue={values.question ?? ""}>
              <option value="">{t("search.form.anyQuestion")}</option>
              {questions.map((q) => (
                <option key={q.code} value={q.code}>
                  {q.code}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor={`${idPrefix}-state`}>{t("search.form.state")}</label>
          <select id={`${idPrefix}-state`} name={names.state} defaultValue={values.state ?? ""}>
            <option value="">{t("search.form.anyState")}</option>
            {CONTRIBUTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`review.status.${s}` as const)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          {t("search.form.submit")}
        </button>
      </form>
      <p id={helpId} className="muted">
        {t("search.form.help")}
      </p>
    </>
  );
}
