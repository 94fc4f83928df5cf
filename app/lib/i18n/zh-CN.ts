import { zhCNPublic } from "./zh-CN.public";
import { zhCNWorkspace } from "./zh-CN.workspace";

/**
 * The source catalog: Simplified Chinese. Every UI string has a key here; en.ts must match.
 * Areas keep their messages in messages/<area>.ts, the English in messages/<area>.en.ts: two
 * files, so that the browser downloads one language. Each language comes in two parts, each a
 * chunk of its own (see load-catalog.ts): what public pages show (zh-CN.public.ts) and the
 * workspaces' rest (zh-CN.workspace.ts). The server has them all (catalogs.server.ts).
 */
export const zhCN = { ...zhCNPublic, ...zhCNWorkspace } as const;

export type MessageKey = keyof typeof zhCN;
