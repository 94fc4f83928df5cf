import { formatDateTime } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { StatusHistoryEntry } from "~/modules/registry/institution-history.server";

/**
 * An institution's status history, newest first: what moved (the filing, the institution or
 * both), who acted and why. Shown to the institution and to its regulators alike; the loader
 * (`institutionHistory`) decides which names each side sees.
 */
export function StatusHistory({ entries }: { entries: StatusHistoryEntry[] }) {
  const { t, locale } = useTranslation();
  if (entries.length === 0) return <p className="text-slate-700">{t("statusHistory.empty")}</p>;
  return (
    <ol className="space-y-3 border-l-2 border-slate-200 pl-4">
      {entries.map((e) => {
        const actor =
          e.actor.side === "institution"
            ? e.actor.name
              ? t("statusHistory.actor.institutionNamed", { name: e.actor.name })
              : t("statusHistory.actor.institution")
            : e.actor.name
              ? t("statusHistory.actor.regulatorNamed", { name: e.actor.name })
              : t("statusHistory.actor.regulator");
        return (
          <li key={e.id} className="space-y-0.5">
            <p className="text-sm text-slate-600">
              <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt, locale)}</time> · {actor}
            </p>
            {e.filingStatus ? (
              <p className="font-medium">
                {e.filingKind ? `${t(`filing.kind.${e.filingKind}`)} · ` : ""}
                {t(`filing.status.${e.filingStatus}`)}
              </p>
            ) : null}
            {e.toStatus ? (
              <p className={e.filingStatus ? "text-sm text-slate-700" : "font-medium"}>
                {e.fromStatus
                  ? t("statusHistory.institutionMoved", {
                      from: t(`institution.status.${e.fromStatus}`),
                      to: t(`institution.status.${e.toStatus}`),
                    })
                  : t("statusHistory.institutionNow", { to: t(`institution.status.${e.toStatus}`) })}
              </p>
            ) : null}
            {e.reason ? (
              <p className="whitespace-pre-line break-words text-sm">
                {t("statusHistory.reason", { reason: e.reason })}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
