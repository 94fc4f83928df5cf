-- Institution members act without a tenant of their own; what they do is recorded under their
-- institution's authority, so they may append events for the authorities they are members under.
DROP POLICY "audit_event_append" ON "audit_event";
CREATE POLICY "audit_event_append" ON "audit_event" FOR INSERT
  WITH CHECK (tipei_platform() OR authority_id IS NULL
              OR authority_id IN (SELECT tipei_visible_authority_ids())
              OR authority_id IN (SELECT m.authority_id FROM membership m WHERE m.user_id = tipei_user_id()));
