import { formatDateTime } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { RectificationResponseView } from "~/modules/compliance/rectification-read.server";

/** The institution's answers, newest first, each with its documents (opened through /files/<id>). */
export function RectificationResponses({
  responses,
  emptyText,
}: {
  responses: readonly RectificationResponseView[];
  emptyText: string;
}) {
  const { t, locale } = useTranslation();
  if (responses.length === 0) return <p className="text-slate-700">{emptyText}</p>;
  return (
    <ol className="space-y-4">
      {responses.map((r) => (
        <li key={r.id} className="space-y-2 rounded border border-slate-200 bg-white p-4">
          <p className="text-sm text-slate-600">
            <time dateTime={r.respondedAt}>{formatDateTime(r.respondedAt, locale)}</time>
            {r.by ? ` · ${r.by}` : ""}
          </p>
          <p className="whitespace-pre-line break-words">{r.text}</p>
          {r.files.length > 0 ? (
            <div>
              <p className="text-sm font-medium text-slate-800">{t("rectification.responses.documents")}</p>
              <ul className="list-disc pl-5 text-sm">
                {r.files.map((f) => (
                  <li key={f.id}>
                    <a href={`/files/${f.id}`} className="text-brand-700 underline" target="_blank" rel="noreferrer">
                      {f.name}
                    </a>{" "}
                    <span className="text-slate-600">
                      {t("rectification.responses.size", { kb: Math.max(1, Math.round(f.sizeBytes / 1024)) })}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="text-sm text-slate-600">{t("rectification.responses.noDocuments")}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
