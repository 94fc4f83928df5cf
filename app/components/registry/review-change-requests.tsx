import { useTranslation } from "~/lib/i18n/use-translation";
import type { ChangeRequestNote } from "~/modules/registry/review-read.server";
import { describePath } from "./content-view";

/** The regulator's comments when a filing was sent back: the overall reason, then one line per field. */
export function ReviewChangeRequests({ reason, comments }: { reason: string | null; comments: ChangeRequestNote[] }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-2">
      {reason ? (
        <p className="whitespace-pre-line break-words">{t("govReview.changeRequests.reason", { reason })}</p>
      ) : null}
      <ul className="list-disc space-y-1 pl-6">
        {comments.map((c) => (
          <li key={`${c.path}-${c.comment}`}>
            <span className="font-medium">{describePath(t, c.path)}</span>
            <span className="block break-all font-mono text-xs text-slate-600">{c.path}</span>
            <span className="block whitespace-pre-line break-words">{c.comment}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
