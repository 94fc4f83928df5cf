import { useTranslation } from "~/lib/i18n/use-translation";

/**
 * The institution's QR code drawn inline from the path the server computed (no extra request,
 * no HTML injected), with a link to the SVG file for printing.
 */
export function QrCode({
  qr,
  shortLink,
  svgHref,
}: {
  qr: { viewBoxSize: number; path: string };
  shortLink: string;
  svgHref: string;
}) {
  const { t } = useTranslation();
  return (
    <figure className="flex flex-col items-center gap-2 rounded border border-slate-200 bg-white p-4">
      <svg
        viewBox={`0 0 ${qr.viewBoxSize} ${qr.viewBoxSize}`}
        className="h-44 w-44"
        role="img"
        aria-label={t("public.qr.alt")}
        shapeRendering="crispEdges"
      >
        <rect width={qr.viewBoxSize} height={qr.viewBoxSize} fill="#fff" />
        <path d={qr.path} fill="#000" />
      </svg>
      <figcaption className="space-y-1 text-center text-sm">
        <p>{t("public.qr.caption")}</p>
        <p className="break-all font-mono text-slate-700">{shortLink}</p>
        <a href={svgHref} download className="text-brand-700 underline">
          {t("public.qr.download")}
        </a>
      </figcaption>
    </figure>
  );
}
