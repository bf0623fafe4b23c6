ALTER TABLE "trip_stops" ADD COLUMN "answers_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- What an answer to a stop is decided on changes → the stop's answers_version goes up. The fingerprint of migration
-- 0009 was an md5 of every answer, computed twice per compare-and-set: its cost grew with the answers (several ms per
-- click at a few hundred). Now one number, read under the stop's lock.
CREATE OR REPLACE FUNCTION escale_bump_answers_version_of_stop() RETURNS trigger AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status
    OR NEW.capacity IS DISTINCT FROM OLD.capacity
    OR NEW.starts_at IS DISTINCT FROM OLD.starts_at
    OR NEW.duration_minutes IS DISTINCT FROM OLD.duration_minutes THEN
    NEW.answers_version := OLD.answers_version + 1;
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER trip_stops_bump_answers_version BEFORE UPDATE ON trip_stops FOR EACH ROW EXECUTE FUNCTION escale_bump_answers_version_of_stop();--> statement-breakpoint
CREATE OR REPLACE FUNCTION escale_bump_answers_version_of_trip() RETURNS trigger AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status THEN
    UPDATE trip_stops SET answers_version = answers_version + 1 WHERE trip_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER trips_bump_answers_version AFTER UPDATE ON trips FOR EACH ROW EXECUTE FUNCTION escale_bump_answers_version_of_trip();--> statement-breakpoint
-- Answers written: one bump per stop and statement (a compare-and-set of 100 answers raises it once).
CREATE OR REPLACE FUNCTION escale_bump_answers_version_of_answers() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE trip_stops SET answers_version = answers_version + 1 WHERE id IN (SELECT DISTINCT stop_id FROM old_answers);
  ELSIF TG_OP = 'INSERT' THEN
    UPDATE trip_stops SET answers_version = answers_version + 1 WHERE id IN (SELECT DISTINCT stop_id FROM new_answers);
  ELSE
    -- Attendance ("I was there") is not what answers are decided on: only a changed answer counts.
    UPDATE trip_stops SET answers_version = answers_version + 1 WHERE id IN (
      SELECT DISTINCT n.stop_id FROM new_answers n JOIN old_answers o ON o.stop_id = n.stop_id AND o.user_id = n.user_id
      WHERE n.status IS DISTINCT FROM o.status OR n.guests IS DISTINCT FROM o.guests
        OR n.responded_at IS DISTINCT FROM o.responded_at OR n.waitlisted_at IS DISTINCT FROM o.waitlisted_at);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER rsvps_bump_answers_version_insert AFTER INSERT ON rsvps REFERENCING NEW TABLE AS new_answers FOR EACH STATEMENT EXECUTE FUNCTION escale_bump_answers_version_of_answers();--> statement-breakpoint
CREATE TRIGGER rsvps_bump_answers_version_update AFTER UPDATE ON rsvps REFERENCING OLD TABLE AS old_answers NEW TABLE AS new_answers FOR EACH STATEMENT EXECUTE FUNCTION escale_bump_answers_version_of_answers();--> statement-breakpoint
CREATE TRIGGER rsvps_bump_answers_version_delete AFTER DELETE ON rsvps REFERENCING OLD TABLE AS old_answers FOR EACH STATEMENT EXECUTE FUNCTION escale_bump_answers_version_of_answers();--> statement-breakpoint
CREATE OR REPLACE FUNCTION escale_rsvp_state(p_stop integer) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT s.id::text || ':' || s.answers_version::text FROM trip_stops s WHERE s.id = p_stop
$$;
