-- How an enrollment's lessons are counted, written once. Every reader (the parent's, the
-- institution's pages, checkout's renewal rule, fund warnings) and every writer (recording a
-- lesson, a parent's refund, closure refunds, settling a finished enrollment) reads these columns
-- instead of counting attendances and refunds itself: the copies had drifted, and a lesson refunded
-- on a dispute decision counted as a free place in some of them, so its price was refunded twice.
--
-- Attendances fall in exactly one bucket each (tests/integration/modules/escrow/enrollment-lessons.test.ts
-- fails on a status that lands in none or two):
--   awaiting              PENDING: the parent has not answered
--   disputed              DISPUTED: the regulator has not decided
--   released              CONFIRMED, AUTO_CONFIRMED, RELEASED_BY_DECISION: its price went to the institution
--   refunded_on_decision  REFUNDED_BY_DECISION: its price went back to the parent with the decision
--                         (a refund of origin DISPUTE, which is therefore not counted below)
-- Refunds of unconsumed lessons (origin PARENT or CLOSURE), by status, in at most one bucket:
--   refunded              APPROVED, SUCCEEDED
--   refund_failed         FAILED (the money is held in escrow again; the place stays given back)
--   open_refund           REQUESTED or CONTESTED, of any origin (a yes/no: at most one is open)
--   REJECTED              none: nothing was given back
-- recorded = every attendance; pending = awaiting + disputed; unrecorded = the places neither recorded
-- nor given back, what can still be recorded or refunded.
--
-- security_invoker: each reader counts only the rows row-level security lets it see, as the
-- subqueries it replaces did. Not an aggregate at the top, so the view is merged into the query
-- that reads it and `ON l.enrollment_id = e.id` limits which enrollments are counted.
CREATE VIEW "enrollment_lessons" WITH (security_invoker = true) AS
SELECT e.id AS enrollment_id, e.lesson_count,
       a.awaiting, a.disputed, a.released, a.refunded_on_decision,
       a.recorded, a.awaiting + a.disputed AS pending,
       r.refunded, r.refund_failed, r.open_refund,
       greatest(0, e.lesson_count - a.recorded - r.refunded - r.refund_failed) AS unrecorded
  FROM enrollment e
  CROSS JOIN LATERAL (
    SELECT (count(*) FILTER (WHERE la.status = 'PENDING'))::int AS awaiting,
           (count(*) FILTER (WHERE la.status = 'DISPUTED'))::int AS disputed,
           (count(*) FILTER (WHERE la.status IN ('CONFIRMED', 'AUTO_CONFIRMED', 'RELEASED_BY_DECISION')))::int AS released,
           (count(*) FILTER (WHERE la.status = 'REFUNDED_BY_DECISION'))::int AS refunded_on_decision,
           count(*)::int AS recorded
      FROM lesson_attendance la
     WHERE la.enrollment_id = e.id
  ) a
  CROSS JOIN LATERAL (
    SELECT coalesce(sum(rr.lessons) FILTER (WHERE rr.origin <> 'DISPUTE' AND rr.status IN ('APPROVED', 'SUCCEEDED')), 0)::int AS refunded,
           coalesce(sum(rr.lessons) FILTER (WHERE rr.origin <> 'DISPUTE' AND rr.status = 'FAILED'), 0)::int AS refund_failed,
           coalesce(bool_or(rr.status IN ('REQUESTED', 'CONTESTED')), false) AS open_refund
      FROM refund_request rr
     WHERE rr.enrollment_id = e.id
  ) r;

GRANT SELECT ON "enrollment_lessons" TO tipei_app;
