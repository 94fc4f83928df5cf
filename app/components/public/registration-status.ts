/**
 * The statuses of a registered institution, for the browser (the server's type lives in
 * public-institution.server.ts, which the client bundle cannot import values from).
 */
export type RegistrationStatus = "APPROVED" | "SUSPENDED" | "REVOKED" | "CLOSED";
export type DoNotPayStatus = Exclude<RegistrationStatus, "APPROVED">;

/** Statuses in which the institution may not take fees: the public sees a “do not pay” warning. */
export const DO_NOT_PAY_STATUSES: readonly DoNotPayStatus[] = ["SUSPENDED", "REVOKED", "CLOSED"];

export function isDoNotPay(status: RegistrationStatus): status is DoNotPayStatus {
  return (DO_NOT_PAY_STATUSES as readonly RegistrationStatus[]).includes(status);
}
