import { formatDateTime } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { RectificationHistoryEntry } from "~/modules/compliance/rectification-read.server";

/** The order's history, newest first: each step, who took it and why. Both sides read it. */
export function RectificationHistory({ entries }: { entries: readonly RectificationHistoryEntry[] }) {
  const { t, locale } = useTranslation();
  return (
    <ol className="space-y-3 border-l-2 border-slate-200 pl-4">
      {entries.map((e) => {
        const actor =
          e.actor.side === "platform"
            ? t("rectification.history.actor.platform")
            : e.actor.side === "institution"
              ? e.actor.name
                ? t("rectification.history.actor.institutionNamed", { name: e.actor.name })
                : t("rectification.history.actor.institution")
              : e.actor.name
                ? t("rectification.history.actor.regulatorNamed", { name: e.actor.name })
                : t("rectification.history.actor.regulator");
        return (
          <li key={e.id} className="space-y-0.5">
            <p className="text-sm text-slate-600">
              <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt, locale)}</time> · {actor}
            </p>
            <p className="font-medium">{t(`rectification.history.event.${e.event}`)}</p>
            {e.reason ? (
              <p className="whitespace-pre-line break-words text-sm">
                {t("rectification.history.reason", { reason: e.reason })}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
