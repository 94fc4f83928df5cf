import { useTranslation } from "~/lib/i18n/use-translation";

export type PublicVenue = {
  id: string;
  name: string;
  address: string;
  trainingAreaM2: number;
  isPool: boolean;
  aed: boolean;
};

export function VenueList({ venues }: { venues: PublicVenue[] }) {
  const { t } = useTranslation();
  if (venues.length === 0) return <p className="text-slate-700">{t("public.venues.none")}</p>;
  return (
    <ul className="space-y-3">
      {venues.map((venue) => (
        <li key={venue.id} className="space-y-1 rounded border border-slate-200 bg-white p-4">
          <h3 className="font-semibold">{venue.name}</h3>
          <p className="break-words text-sm">{venue.address}</p>
          <p className="text-sm text-slate-700">
            {[
              t("public.venues.area", { area: venue.trainingAreaM2 }),
              venue.isPool ? t("public.venues.pool") : null,
              venue.aed ? t("public.venues.aed") : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
        </li>
      ))}
    </ul>
  );
}
