-- Plans of the hot queries at scale (tests/integration/performance/hot-queries-explain.test.ts, on
-- a generated province of 21,000 institutions): no sequential scan of a large table when a district,
-- a city, an institution or a parent asks.

-- An institution's balances (institutionBalances, accountBalance) look its accounts up by
-- institution; the unique index leads with the kind.
CREATE INDEX "ledger_account_institution_id_kind_idx" ON "ledger_account"("institution_id", "kind");

-- An enrollment's figures (enrollment_funds) sum the entries of that enrollment.
CREATE INDEX "ledger_entry_enrollment_id_idx" ON "ledger_entry"("enrollment_id");

-- The balance views, rewritten from one GROUP BY over the whole ledger into one row per
-- institution (or enrollment) with its sums computed by a LATERAL subquery. Same columns, same
-- rows, same figures; but a view that is not an aggregate is merged into the query that reads it,
-- so `WHERE f.authority_id IN (…jurisdiction…)` or `JOIN … ON f.enrollment_id = e.id` now limit
-- which institutions (enrollments) are summed, through their indexes, instead of summing every
-- row of the ledger and filtering afterwards.
CREATE OR REPLACE VIEW "enrollment_funds" WITH (security_invoker = true) AS
SELECT e.id AS enrollment_id, e.institution_id, e.authority_id, e.parent_user_id,
       s.paid_fen, s.held_fen, s.consumed_fen, s.reserve_fen, s.refunded_fen, s.refund_in_progress_fen
  FROM enrollment e
  CROSS JOIN LATERAL (
    SELECT coalesce(sum(le.amount_fen) FILTER (WHERE la.kind = 'ENROLLMENT_ESCROW' AND lt.kind = 'PAYMENT_CAPTURED'), 0)::bigint AS paid_fen,
           coalesce(sum(le.amount_fen) FILTER (WHERE la.kind = 'ENROLLMENT_ESCROW'), 0)::bigint AS held_fen,
           coalesce(-sum(le.amount_fen) FILTER (WHERE la.kind = 'ENROLLMENT_ESCROW' AND lt.kind = 'LESSON_RELEASE'), 0)::bigint AS consumed_fen,
           coalesce(sum(le.amount_fen) FILTER (WHERE la.kind = 'ENROLLMENT_RESERVE'), 0)::bigint AS reserve_fen,
           coalesce(-sum(le.amount_fen) FILTER (WHERE la.kind = 'ENROLLMENT_ESCROW' AND lt.kind = 'REFUND_APPROVED'), 0)::bigint AS refunded_fen,
           coalesce(sum(le.amount_fen) FILTER (WHERE la.kind = 'REFUNDS_PAYABLE'), 0)::bigint AS refund_in_progress_fen
      FROM ledger_entry le
      JOIN ledger_account la ON la.id = le.account_id
      JOIN ledger_transaction lt ON lt.id = le.transaction_id
     WHERE le.enrollment_id = e.id
  ) s;

-- Institutions with at least one entry, as before (the inner join of the old view). The name and
-- registration number come along (new columns go last), so the regulator's list need not join
-- institution a second time.
CREATE OR REPLACE VIEW "institution_funds" WITH (security_invoker = true) AS
SELECT i.id AS institution_id, i.authority_id,
       s.escrow_fen, s.reserve_fen, s.payable_fen, s.paid_out_fen, s.refunds_payable_fen, s.collected_fen,
       i.name, i.registration_no
  FROM institution i
  CROSS JOIN LATERAL (
    SELECT coalesce(sum(le.amount_fen) FILTER (WHERE la.kind = 'ENROLLMENT_ESCROW'), 0)::bigint AS escrow_fen,
           coalesce(sum(le.amount_fen) FILTER (WHERE la.kind = 'ENROLLMENT_RESERVE'), 0)::bigint AS reserve_fen,
           coalesce(sum(le.amount_fen) FILTER (WHERE la.kind = 'INSTITUTION_PAYABLE'), 0)::bigint AS payable_fen,
           coalesce(sum(le.amount_fen) FILTER (WHERE la.kind = 'INSTITUTION_PAID_OUT'), 0)::bigint AS paid_out_fen,
           coalesce(sum(le.amount_fen) FILTER (WHERE la.kind = 'REFUNDS_PAYABLE'), 0)::bigint AS refunds_payable_fen,
           coalesce(-sum(le.amount_fen) FILTER (WHERE la.kind = 'PROVIDER_CLEARING'), 0)::bigint AS collected_fen,
           count(*) AS entries
      FROM ledger_entry le
      JOIN ledger_account la ON la.id = le.account_id
     WHERE le.institution_id = i.id
  ) s
 WHERE s.entries > 0;

-- The row-level security helpers are SECURITY DEFINER functions, which the planner cannot look
-- into; it assumed 1,000 rows from each, so every tenant query looked like it would read a large
-- part of its tables. Most readers are district staff: a jurisdiction of one authority (a city has
-- about ten, a province about a hundred, and for them reading through the indexes is still right).
-- A person belongs to one or two institutions, a parent has a few enrollments. At 20 the planner
-- chose a sequential scan of a province's institutions for one district; at 5 it still hashed the
-- whole risk_assessment table to rank one district's 560 institutions (245 ms against 18 ms).
ALTER FUNCTION "tipei_visible_authority_ids"() ROWS 1;
ALTER FUNCTION "tipei_member_institution_ids"() ROWS 2;
ALTER FUNCTION "tipei_parent_enrollment_ids"() ROWS 5;

-- The public read policies of an institution's venues, coaches, certificates, courses and slots
-- asked `institution_id IN (SELECT id FROM institution WHERE registration_no IS NOT NULL)`, which
-- PostgreSQL runs as a hashed subplan: every registered institution read to check one course (a
-- parent's enrollment list read the whole registry, and then chose a sequential scan of course).
-- The same rule as a correlated EXISTS is one primary-key probe per row.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['venue', 'coach', 'coach_certificate', 'course', 'schedule_slot'] LOOP
    EXECUTE format($p$ALTER POLICY %I ON %I
      USING (tipei_public() AND EXISTS (SELECT 1 FROM institution pi
                                         WHERE pi.id = %I.institution_id AND pi.registration_no IS NOT NULL))$p$,
      t || '_public', t, t);
  END LOOP;
END $$;
