import { useTranslation } from "~/lib/i18n/use-translation";
import type { RegistrationStatus } from "./registration-status";

// Colour is only a second signal: each badge carries its words and a distinct symbol, from glyphs
// every CJK system font has (⏸ and other emoji-range symbols show as empty boxes on some phones).
const LOOK: Record<RegistrationStatus, { symbol: string; className: string }> = {
  APPROVED: { symbol: "✓", className: "border-green-700 bg-green-50 text-green-900" },
  SUSPENDED: { symbol: "‖", className: "border-amber-700 bg-amber-50 text-amber-900" },
  REVOKED: { symbol: "✕", className: "border-red-700 bg-red-50 text-red-900" },
  CLOSED: { symbol: "■", className: "border-slate-600 bg-slate-100 text-slate-900" },
};

export function StatusBadge({ status }: { status: RegistrationStatus }) {
  const { t } = useTranslation();
  const look = LOOK[status];
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded border px-2 py-0.5 text-sm font-medium ${look.className}`}
    >
      <span aria-hidden="true">{look.symbol}</span>
      {t(`institution.status.${status}`)}
    </span>
  );
}
