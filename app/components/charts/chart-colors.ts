/**
 * Chart colours as values, not Tailwind classes: recharts writes them into SVG attributes. They
 * match the palette of app/tailwind.css and the badges, and every bar also carries its number in
 * text, so colour is never the only signal.
 */
export const CHART_COLORS = {
  brand: "#0b63b6",
  emerald: "#059669",
  teal: "#0d9488",
  amber: "#d97706",
  orange: "#ea580c",
  red: "#b91c1c",
  slate: "#94a3b8",
} as const;

export const AXIS_TICK = { fill: "#334155", fontSize: 12 } as const;
