import type { ButtonHTMLAttributes, ReactNode } from "react";
import { useTranslation } from "~/lib/i18n/use-translation";

type Props = ButtonHTMLAttributes<HTMLButtonElement> & {
  pending?: boolean;
  children: ReactNode;
  tone?: "primary" | "secondary" | "danger";
};

const TONES = {
  primary: "bg-brand-700 text-white hover:bg-brand-900",
  secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-100",
  danger: "bg-red-800 text-white hover:bg-red-900",
} as const;

/** A submit button that says it is working while its form is on its way. */
export function SubmitButton({ pending = false, children, tone = "primary", className = "", ...button }: Props) {
  const { t } = useTranslation();
  return (
    <button
      type="submit"
      disabled={pending || button.disabled}
      aria-busy={pending || undefined}
      className={`rounded px-4 py-2 font-medium disabled:opacity-60 ${TONES[tone]} ${className}`}
      {...button}
    >
      {pending ? t("form.pending") : children}
    </button>
  );
}
