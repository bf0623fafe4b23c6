CREATE INDEX "rsvps_user_attended_idx" ON "rsvps" USING btree ("user_id","stop_id") WHERE "rsvps"."attended_at" is not null;--> statement-breakpoint
-- What an answer to a stop is decided on: the stop's status, capacity and time, its trip's status and every answer
-- (attendance aside). Read with the answers in one statement, compared again under the stop's lock before writing.
CREATE OR REPLACE FUNCTION escale_rsvp_state(p_stop integer) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT md5(concat_ws('|', s.status, coalesce(s.capacity::text, '-'), extract(epoch FROM s.starts_at)::text,
    s.duration_minutes::text, t.status,
    coalesce((SELECT string_agg(concat_ws(',', r.user_id, r.status, r.guests::text, extract(epoch FROM r.responded_at)::text,
        coalesce(extract(epoch FROM r.waitlisted_at)::text, '-')), ';' ORDER BY r.user_id)
      FROM rsvps r WHERE r.stop_id = s.id), '')))
  FROM trip_stops s JOIN trips t ON t.id = s.trip_id WHERE s.id = p_stop
$$;--> statement-breakpoint
-- Compare-and-set of a stop's answers, in one statement: locks the stop, and writes the rows only if the state is
-- still the one they were computed from (escale_rsvp_state); false otherwise, and nothing is written. A PL/pgSQL
-- function so that the comparison, a statement after the lock, sees what the previous holder of the lock committed.
CREATE OR REPLACE FUNCTION escale_apply_rsvps(p_stop integer, p_expected text, p_rows jsonb) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM trip_stops WHERE id = p_stop FOR UPDATE;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  IF escale_rsvp_state(p_stop) IS DISTINCT FROM p_expected THEN
    RETURN false;
  END IF;
  INSERT INTO rsvps (stop_id, user_id, status, guests, responded_at, waitlisted_at)
    SELECT p_stop, r.user_id, r.status, r.guests, r.responded_at, r.waitlisted_at
    FROM jsonb_to_recordset(p_rows) AS r(user_id text, status text, guests integer, responded_at timestamptz,
      waitlisted_at timestamptz)
  ON CONFLICT (stop_id, user_id) DO UPDATE SET status = excluded.status, guests = excluded.guests,
    responded_at = excluded.responded_at, waitlisted_at = excluded.waitlisted_at;
  RETURN true;
END
$$;
