/** How long a sign-in lasts: at most ABSOLUTE, and until IDLE passes without a request. */
export const SESSION_ABSOLUTE_MS = 14 * 24 * 3600 * 1000;
export const SESSION_IDLE_MS = 3 * 24 * 3600 * 1000;
// lastSeenAt is written at most this often, so reading pages does not write on every request.
export const SESSION_TOUCH_EVERY_MS = 5 * 60 * 1000;

export const RESET_LINK_TTL_MS = 30 * 60 * 1000;
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
