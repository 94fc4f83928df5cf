import type { MessageKey } from "~/lib/i18n/catalog";

/** A refused escrow action: the message says why in the user's language; nothing was written. */
export class EscrowRefusal extends Error {
  constructor(
    readonly messageKey: MessageKey,
    readonly status: 400 | 404 | 409 = 409,
  ) {
    super(messageKey);
  }
}

/** The provider's event refers to something not recorded yet: retry the event later. */
export class EventNotReadyError extends Error {}
