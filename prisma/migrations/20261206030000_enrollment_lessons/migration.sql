-- How an enrollment's lessons are counted, written once: enrollment_lessons(id, lesson_count).
-- Every reader (the parent's, the institution's pages, checkout's renewal rule, fund warnings) and
-- every writer (recording a
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
-- A set-returning SQL function rather than a view: a reader joins it LATERAL to the enrollments it
-- already selected (`CROSS JOIN LATERAL enrollment_lessons(e.id, e.lesson_count) l`), and PostgreSQL
-- inlines it there (one SELECT, STABLE, invoker's rights), so the counts are two index lookups per
-- enrollment by enrollment_id. A view over enrollment joined back on its id made the planner read
-- the enrollment table a second time: a sequential scan of all of them for one parent's page
-- (tests/integration/performance/hot-queries-explain.test.ts). Invoker's rights: each reader counts
-- only the rows row-level security lets it see, as the subqueries it replaces did.
CREATE FUNCTION "enrollment_lessons"(p_enrollment_id uuid, p_lesson_count integer)
RETURNS TABLE (
  awaiting integer,
  disputed integer,
  released integer,
  refunded_on_decision integer,
  recorded integer,
  pending integer,
  refunded integer,
  refund_failed integer,
  open_refund boolean,
  unrecorded integer
) LANGUAGE sql STABLE AS $$
  SELECT a.awaiting, a.disputed, a.released, a.refunded_on_decision, a.recorded, a.awaiting + a.disputed,
         r.refunded, r.refund_failed, r.open_refund,
         greatest(0, p_lesson_count - a.recorded - r.refunded - r.refund_failed)
    FROM (SELECT (count(*) FILTER (WHERE la.status = 'PENDING'))::int AS awaiting,
                 (count(*) FILTER (WHERE la.status = 'DISPUTED'))::int AS disputed,
                 (count(*) FILTER (WHERE la.status IN ('CONFIRMED', 'AUTO_CONFIRMED', 'RELEASED_BY_DECISION')))::int AS released,
                 (count(*) FILTER (WHERE la.status = 'REFUNDED_BY_DECISION'))::int AS refunded_on_decision,
                 count(*)::int AS recorded
            FROM lesson_attendance la
           WHERE la.enrollment_id = p_enrollment_id) a,
         (SELECT coalesce(sum(rr.lessons) FILTER (WHERE rr.origin <> 'DISPUTE' AND rr.status IN ('APPROVED', 'SUCCEEDED')), 0)::int AS refunded,
                 coalesce(sum(rr.lessons) FILTER (WHERE rr.origin <> 'DISPUTE' AND rr.status = 'FAILED'), 0)::int AS refund_failed,
                 coalesce(bool_or(rr.status IN ('REQUESTED', 'CONTESTED')), false) AS open_refund
            FROM refund_request rr
           WHERE rr.enrollment_id = p_enrollment_id) r
$$;
