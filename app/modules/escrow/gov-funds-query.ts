import { z } from "zod";

/**
 * The regulator's funds page: its query (`?sort=`, `?page=`) and list sizes. Shared with the
 * browser (the page renders the sort links from it); gov-read.server.ts reads with it.
 */
export const FUNDS_SORTS = ["held", "name", "district"] as const;
export type FundsSort = (typeof FUNDS_SORTS)[number];
export const FUNDS_PAGE_SIZE = 50;

/** `?sort=` and `?page=` of the funds page; anything unknown falls back to the defaults. */
export const fundsQuerySchema = z.object({
  sort: z.enum(FUNDS_SORTS).catch("held"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type FundsQuery = z.infer<typeof fundsQuerySchema>;

/** Longest list of warnings, alerts or queue items a page shows (a note says when there are more). */
export const GOV_LIST_LIMIT = 200;
