import { useTranslation } from "~/lib/i18n/use-translation";
import type { CertificateType, Sport } from "~/modules/registry/sports";

export type PublicCoach = {
  id: string;
  name: string;
  photoFileId: string | null;
  fullTime: boolean;
  certificates: { type: CertificateType; number: string; sport: Sport | null; expiresOn: string | null }[];
};

/** Coaches as STF-04 requires them displayed: name, photo and certificate numbers. */
export function CoachList({ coaches }: { coaches: PublicCoach[] }) {
  const { t } = useTranslation();
  if (coaches.length === 0) return <p className="text-slate-700">{t("public.coaches.none")}</p>;
  return (
    <ul className="grid gap-3 sm:grid-cols-2">
      {coaches.map((coach) => (
        <li key={coach.id} className="flex gap-3 rounded border border-slate-200 bg-white p-4">
          {coach.photoFileId ? (
            <img
              src={`/coach-photos/${coach.photoFileId}`}
              alt={t("public.coaches.photoAlt", { name: coach.name })}
              width={72}
              height={96}
              loading="lazy"
              className="h-24 w-18 shrink-0 rounded object-cover"
            />
          ) : null}
          <div className="min-w-0 space-y-1">
            <h3 className="font-semibold">{coach.name}</h3>
            <p className="text-sm text-slate-700">
              {coach.fullTime ? t("public.coaches.fullTime") : t("public.coaches.partTime")}
            </p>
            <ul className="space-y-1 text-sm">
              {coach.certificates.map((cert) => (
                <li key={`${cert.type}-${cert.number}`} className="break-words">
                  {t(`certificate.${cert.type}`)}
                  {cert.sport ? t("public.coaches.certificateSport", { sport: t(`sport.${cert.sport}`) }) : ""}
                  {t("public.coaches.certificateNumber", { number: cert.number })}
                  {cert.expiresOn ? ` · ${t("public.coaches.expiresOn", { date: cert.expiresOn })}` : ""}
                </li>
              ))}
            </ul>
          </div>
        </li>
      ))}
    </ul>
  );
}
