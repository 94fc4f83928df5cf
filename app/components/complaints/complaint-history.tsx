import { formatDateTime } from "~/lib/format";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { ComplaintStatusName } from "~/modules/complaints/complaint-forms";

type EventView = {
  id: string;
  event: string;
  toStatus: ComplaintStatusName;
  byParent: boolean;
  note: string | null;
  occurredAt: string;
};

const EVENT_KEYS: Record<string, MessageKey> = {
  filed: "complaints.event.filed",
  triaged: "complaints.event.triaged",
  assigned: "complaints.event.assigned",
  resolved: "complaints.event.resolved",
  dismissed: "complaints.event.dismissed",
};

/** A complaint's history, oldest first; `parentView` names the parent "you". */
export function ComplaintHistory({ events, parentView }: { events: EventView[]; parentView: boolean }) {
  const { t, locale } = useTranslation();
  return (
    <section aria-labelledby="complaint-history" className="space-y-2">
      <h2 id="complaint-history" className="text-lg font-semibold">
        {t("complaints.detail.history")}
      </h2>
      <ol className="space-y-2">
        {events.map((e) => (
          <li key={e.id} className="rounded border border-slate-200 bg-white p-3 text-sm">
            <p className="font-medium">
              {t(EVENT_KEYS[e.event] ?? `complaints.status.${e.toStatus}`)}
              <span className="font-normal text-slate-600">
                {" "}
                · {formatDateTime(e.occurredAt, locale)} ·{" "}
                {e.byParent
                  ? t(parentView ? "complaints.detail.byParent" : "complaints.detail.byParentGov")
                  : t("complaints.detail.byRegulator")}
              </span>
            </p>
            {e.note ? <p className="mt-1 whitespace-pre-wrap break-words text-slate-800">{e.note}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
