import { type MouseEvent, type ReactNode, useState } from "react";
import { useTranslation } from "~/lib/i18n/use-translation";

/** The file name a response offers (RFC 5987 `filename*` first, then the plain one). */
export function attachmentName(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? null;
}

/**
 * A link to a file the server builds on request (a CSV export): it says the file is being made
 * until it has arrived, then hands it to the browser's downloads. The server answers only once
 * the whole file is built (a second or two for a province), and until then a plain download
 * link shows nothing. Without JavaScript, or with a modifier key, it is a plain link.
 */
export function DownloadLink({ href, children }: { href: string; children: ReactNode }) {
  const { t } = useTranslation();
  const [state, setState] = useState<"idle" | "pending" | "failed">("idle");

  async function download(event: MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (state === "pending") return;
    setState("pending");
    try {
      const response = await fetch(href, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`download answered ${response.status}`);
      const file = URL.createObjectURL(await response.blob());
      const save = document.createElement("a");
      save.href = file;
      save.download = attachmentName(response.headers.get("Content-Disposition")) ?? "";
      document.body.append(save);
      save.click();
      save.remove();
      // The browser has taken the file; the object URL can go once the download has started.
      window.setTimeout(() => URL.revokeObjectURL(file), 60_000);
      setState("idle");
    } catch {
      setState("failed");
    }
  }

  const pending = state === "pending";
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-2">
      <a
        href={href}
        download
        onClick={download}
        aria-busy={pending || undefined}
        className={`text-brand-700 underline ${pending ? "cursor-progress opacity-70" : ""}`}
      >
        {pending ? t("download.pending") : children}
      </a>
      <span role="status" className="text-sm text-red-800">
        {state === "failed" ? t("download.failed") : ""}
      </span>
    </span>
  );
}
