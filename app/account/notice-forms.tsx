"use client";
// The account page's notice settings (at once, a daily digest at a Geneva hour, or none) and its feed key (shown once).
import { useActionState, useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { createFeedKeyAction, revokeFeedKeyAction, setNoticesAction, type FeedKeyState, type NoticesState } from "./actions";
import { ErrorAlert } from "@/app/_components/error-alert";
import type { NoticeMode } from "@/lib/domain";


export function NoticesForm({ mode, digestHour }: { mode: NoticeMode; digestHour: number }) {
  const { t } = useT();
  const [state, action, pending] = useActionState<NoticesState, FormData>(setNoticesAction, {});
  const [chosen, setChosen] = useState<NoticeMode>(mode);
  const options: Array<[NoticeMode, string]> = [
    ["immediate", t("search.notices.immediate")],
    ["daily", t("search.notices.daily")],
    ["none", t("search.notices.none")],
  ];
  return (
    <form action={action} className="stack" aria-labelledby="notices-heading" data-testid="notices-form">
      <ErrorAlert message={state.error} />
      <fieldset>
        <legend>{t("search.notices.legend")}</legend>
        {options.map(([value, label]) => (
          <label key={value} className="rv-check" style={{ display: "block" }}>
            <input type="radio" name="mode" value={value} checked={chosen === value} onChange={() => setChosen(value)} /> {label}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="digest-hour">{t("search.notices.hour")}</label>
        <select id="digest-hour" name="digestHour" defaultValue={String(digestHour)} disabled={chosen !== "daily"}>
          {Array.from({ length: 24 }, (_, h) => (
            <option key={h} value={h}>
              {`${String(h).padStart(2, "0")}:00`}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={pending}>
          {t("search.notices.save")}
        </button>
        <span role="status">{state.message ?? ""}</span>
      </div>
    </form>
  );
}

/** Feed URLs are made in the browser from its own address: the key never goes to the server's HTML. */
function absolute(path: string): string {
  return typeof window === "undefined" ? path : new URL(path, window.location.href).toString();
}

export function FeedKeyForms({ hasKey, feedPaths }: { hasKey: boolean; feedPaths: Array<{ code: string; path: string }> }) {
  const { t } = useT();
  const [created, create, creating] = useActionState<FeedKeyState, FormData>(createFeedKeyAction, {});
  const [revoked, revoke, revoking] = useActionState<FeedKeyState, FormData>(revokeFeedKeyAction, {});
  return (
    <>
      {created.key ? (
        <div className="notice strong" role="status" data-testid="new-feed-key">
          <p style={{ marginTop: 0 }}>{t("search.feedKey.shownOnce")}</p>
          <p>
            <code className="break-all secret" data-testid="feed-key-secret">
              {created.key}
            </code>
          </p>
          {feedPaths.length > 0 ? (
            <ul className="plain">
              {feedPaths.map((f) => (
                <li key={f.code}>
                  {f.code}:{" "}
                  <code className="break-all" data-testid="feed-url">
                    {absolute(`${f.path}?key=${encodeURIComponent(created.key!)}`)}
                  </code>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <ErrorAlert message={created.error || revoked.error} />
      <div className="actions">
        <form action={create} className="inline-form">
          <button type="submit" className="primary" disabled={creating}>
            {hasKey ? t("search.feedKey.replace") : t("search.feedKey.create")}
          </button>
        </form>
        {hasKey && !created.key ? (
          <form action={revoke} className="inline-form">
            <button type="submit" className="secondary" disabled={revoking}>
              {t("search.feedKey.revoke")}
            </button>
          </form>
        ) : null}
        <span role="status">{revoked.message ?? ""}</span>
      </div>
    </>
  );
}
