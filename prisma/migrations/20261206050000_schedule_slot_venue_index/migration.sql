-- The pools the compliance engine evaluates (HRS-02, HRS-04) take their lesson weekdays from the
-- slots held at each pool. Without an index on venue_id the planner joined every slot of the
-- registry with its course for each batch of 200 institutions, and the cost of that plan crossed
-- PostgreSQL's JIT threshold: about 0.9 s of compilation per batch, most of the compliance scan
-- (bench compliance-scan, 10,000 institutions: 57 s, then 38 s with nothing changed). With the
-- index each pool is a probe (the batch's query: 3 ms).
CREATE INDEX "schedule_slot_venue_id_idx" ON "schedule_slot"("venue_id");
