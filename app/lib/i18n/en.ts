import { enPublic } from "./en.public";
import { enWorkspace } from "./en.workspace";
import type { MessageKey } from "./zh-CN";

/** English, in the same two parts as zh-CN.ts. */
export const en = { ...enPublic, ...enWorkspace } as const satisfies Record<MessageKey, string>;
