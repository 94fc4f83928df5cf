import {
  hasPart,
  type Locale,
  localesHere,
  type MessagePart,
  type Messages,
  markPartNeeded,
  missingParts,
  provideCatalog,
} from "./catalog";

type Part = Partial<Messages>;

// One chunk per language and part: a phone downloads only the language it reads, and on a public
// page only what public pages show. The server has everything already (catalogs.server.ts).
const chunks: Record<Locale, Record<MessagePart, () => Promise<Part>>> = {
  "zh-CN": {
    public: async () => (await import("./zh-CN.public")).zhCNPublic,
    workspace: async () => (await import("./zh-CN.workspace")).zhCNWorkspace,
  },
  en: {
    public: async () => (await import("./en.public")).enPublic,
    workspace: async () => (await import("./en.workspace")).enWorkspace,
  },
};

/**
 * Brings a language's messages into the browser: every part the page needs (the public one, and
 * the workspace one once a workspace has been opened). Parts needed while it loads are loaded too.
 */
export async function loadCatalog(locale: Locale): Promise<void> {
  for (let missing = missingParts(locale); missing.length > 0; missing = missingParts(locale)) {
    const loaded = await Promise.all(missing.map(async (part) => [part, await chunks[locale][part]()] as const));
    for (const [part, messages] of loaded) provideCatalog(locale, part, messages);
  }
}

/**
 * Makes a part needed from now on, once it is here in every language the page has: until then the
 * page keeps showing what it shows, and a component never looks up a key that is not here.
 */
export async function needMessagePart(part: MessagePart): Promise<void> {
  await Promise.all(
    localesHere()
      .filter((locale) => !hasPart(locale, part))
      .map(async (locale) => provideCatalog(locale, part, await chunks[locale][part]())),
  );
  markPartNeeded(part);
}
