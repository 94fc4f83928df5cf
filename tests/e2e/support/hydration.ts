import type { Page } from "@playwright/test";

/**
 * Resolves once Remix's client router exists and React has taken over the server-rendered <h1>
 * (hydration attaches its fiber to every element it adopts). Before that, clicks are plain HTML.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const heading = document.querySelector("h1");
    return (
      "__remixRouter" in window &&
      heading !== null &&
      Object.keys(heading).some((key) => key.startsWith("__reactFiber$"))
    );
  });
}
