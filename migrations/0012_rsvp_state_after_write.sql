-- The compare-and-set of migration 0009, returning the stop's state after the write (escale_rsvp_state) instead of
-- true, and NULL instead of false (nothing written: the stop changed, or is gone). A process that keeps a stop's
-- answers in memory compares against the state it last wrote, so a click costs this one statement.
CREATE OR REPLACE FUNCTION escale_apply_rsvps_state(p_stop integer, p_expected text, p_rows jsonb) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT escale_apply_rsvps(p_stop, p_expected, p_rows) THEN
    RETURN NULL;
  END IF;
  RETURN escale_rsvp_state(p_stop);
END
$$;
