-- The chain is verified in id order, so an event's id must be drawn after the append lock is
-- held: the column default drew it before the trigger ran, and two transactions appending at the
-- same time could link to each other's predecessors. The application may also no longer choose
-- the time of an event; only the owner (imports, tests of history) may.
CREATE OR REPLACE FUNCTION "audit_event_chain"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(727073690);
  NEW.id := nextval(pg_get_serial_sequence('audit_event', 'id'));
  IF session_user <> (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'audit_event'::regclass)
     OR NEW.occurred_at IS NULL THEN
    NEW.occurred_at := CURRENT_TIMESTAMP;
  END IF;
  NEW.prev_hash := coalesce((SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1), repeat('0', 64));
  NEW.hash := audit_event_digest(NEW);
  RETURN NEW;
END $$;
