import { NavLink } from "@remix-run/react";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";

export type Tab = { to: string; label: MessageKey };

/** The tabs of a workspace; "" is its overview, highlighted only on the overview itself. */
export function TabNav({ base, tabs, label }: { base: string; tabs: readonly Tab[]; label: MessageKey }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t(label)} className="border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-1">
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink
              to={tab.to === "" ? base : `${base}/${tab.to}`}
              end={tab.to === ""}
              className={({ isActive }) =>
                `inline-block border-b-2 px-3 py-2 text-sm ${isActive ? "border-brand-700 font-semibold text-brand-900" : "border-transparent text-slate-700 hover:text-slate-900"}`
              }
            >
              {t(tab.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
