// Choices that several filter and state forms offer with the same words: the page sizes of a long list, the review states.
import { REVIEW_STATES } from "@/lib/domain";
import type { Translator } from "@/lib/i18n/translate";
import { REVIEW_STATE_KEY } from "@/lib/present/labels";

/** The page sizes a filtered list offers (the review queue, the audit log). */
const PAGE_SIZES = [25, 50, 100, 200] as const;

/** The "per page" field of a filter form, with the list's current page size chosen. */
export function PageSizeField({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <label htmlFor="f-size">{label}</label>
      <select id="f-size" name="pageSize" defaultValue={String(value)}>
        {PAGE_SIZES.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Every review state as an option of a select, in its label. */
export function ReviewStateOptions({ t }: { t: Translator }) {
  return REVIEW_STATES.map((s) => (
    <option key={s} value={s}>
      {t(REVIEW_STATE_KEY[s])}
    </option>
  ));
}
