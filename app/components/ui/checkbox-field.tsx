import { forwardRef, type InputHTMLAttributes, useId } from "react";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";

type Props = InputHTMLAttributes<HTMLInputElement> & { label: string; error?: MessageKey };

export const CheckboxField = forwardRef<HTMLInputElement, Props>(function CheckboxField(
  { label, error, id, ...input },
  ref,
) {
  const { t } = useTranslation();
  const generated = useId();
  const inputId = id ?? generated;
  return (
    <div>
      <div className="flex items-center gap-2">
        <input
          ref={ref}
          id={inputId}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          className="h-4 w-4"
          {...input}
        />
        <label htmlFor={inputId} className="text-sm text-slate-800">
          {label}
        </label>
      </div>
      {error ? (
        <p id={`${inputId}-error`} className="mt-1 text-sm text-red-800">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
});
