import { NavLink } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";

export type Tab = { to: string; label: MessageKey };

/**
 * The tabs of a workspace; "" is its overview, highlighted only on the overview itself. On a phone
 * the tabs stay on one line that scrolls sideways by itself (a regulator has sixteen: wrapped, they
 * took a third of the screen), with the current tab brought into view; wider screens wrap them.
 */
export function TabNav({ base, tabs, label }: { base: string; tabs: readonly Tab[]; label: MessageKey }) {
  const { t } = useTranslation();
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const current = list.current?.querySelector<HTMLElement>('[aria-current="page"]');
    const strip = list.current;
    if (!current || !strip || strip.scrollWidth <= strip.clientWidth) return;
    strip.scrollLeft = current.offsetLeft - (strip.clientWidth - current.offsetWidth) / 2;
  });
  return (
    <nav aria-label={t(label)} className="border-b border-slate-200">
      <ul
        ref={list}
        className="relative -mb-px flex gap-1 overflow-x-auto whitespace-nowrap sm:flex-wrap sm:overflow-visible"
      >
        {tabs.map((tab) => (
          <li key={tab.to} className="shrink-0">
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
