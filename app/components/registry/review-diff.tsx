import { useTranslation } from "~/lib/i18n/use-translation";
import type { ReviewDiff as ReviewDiffData } from "~/modules/registry/review-read.server";
import { ContentValue, describeSegments, type FileNames } from "./content-view";

const MARKS = { added: "+", removed: "−", changed: "~" } as const;
const TONES = {
  added: "border-green-700 bg-green-50",
  removed: "border-red-700 bg-red-50",
  changed: "border-amber-600 bg-amber-50",
} as const;

/**
 * What a change or annual filing alters in the approved content, field by field. Each line
 * carries its path in the content's own notation too, which is what change requests quote.
 */
export function ReviewDiff({ diff, files }: { diff: ReviewDiffData; files: FileNames }) {
  const { t } = useTranslation();
  if (diff.state === "initial") return null;
  if (diff.state === "decided") return <p className="text-slate-700">{t("contentDiff.decided")}</p>;
  if (diff.state === "noApprovedContent") return <p className="text-slate-700">{t("contentDiff.noApproved")}</p>;
  if (diff.changes.length === 0) return <p className="text-slate-700">{t("contentDiff.none")}</p>;
  return (
    <div className="space-y-2">
      <p className="text-slate-700">{t("contentDiff.count", { count: diff.changes.length })}</p>
      <ul className="space-y-1">
        {diff.changes.map((change) => (
          <li key={`${change.kind} ${change.path}`} className={`rounded border-l-4 px-3 py-2 ${TONES[change.kind]}`}>
            <p>
              <span aria-hidden="true" className="mr-2 font-mono font-semibold">
                {MARKS[change.kind]}
              </span>
              <span className="font-medium">{t(`contentDiff.${change.kind}`)}</span>{" "}
              {describeSegments(t, change.segments)}
              {change.kind === "changed" ? (
                <>
                  :{" "}
                  <span className="text-slate-700">
                    <ContentValue field={change.field} value={change.before} files={files} />
                  </span>{" "}
                  <span aria-hidden="true">→</span>
                  <span className="sr-only">{t("contentDiff.arrow")}</span>{" "}
                  <span className="font-medium">
                    <ContentValue field={change.field} value={change.after} files={files} />
                  </span>
                </>
              ) : null}
            </p>
            <p className="break-all font-mono text-xs text-slate-600">{change.path}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
