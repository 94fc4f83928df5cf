import { useId } from "react";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";

/** An upload field that shows the file already on record, which a new choice replaces. */
export function FileField(props: {
  name: string;
  label: string;
  accept: string;
  currentId?: string;
  currentName?: string;
  error?: MessageKey;
}) {
  const { name, label, accept, currentId, currentName, error } = props;
  const { t } = useTranslation();
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {currentId ? (
        <p className="text-sm text-slate-700">
          <a href={`/files/${currentId}`} className="text-brand-700 underline" target="_blank" rel="noreferrer">
            {t("documents.onFile", { name: currentName ?? currentId.slice(0, 8) })}
          </a>
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type="file"
        accept={accept}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        className="mt-1 block w-full text-sm"
      />
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {t("documents.hint")}
      </p>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
