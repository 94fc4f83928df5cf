import type { MessageKey } from "~/lib/i18n/catalog";

/**
 * What the rectification services refuse, besides a transition the state machine does not allow
 * (RectificationTransitionRefused, a 409). The routes turn these into answers: not found is a
 * 404 (another tenant's order, or none), invalid input a 400 with the field's message.
 */
export class RectificationNotFound extends Error {}

export class InvalidRectification extends Error {
  constructor(readonly fieldErrors: Record<string, MessageKey[]>) {
    super(`invalid rectification input: ${Object.keys(fieldErrors).join(", ")}`);
  }
}
