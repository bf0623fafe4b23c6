-- Itineraries: a trip's place and time move to its stops (trip_stops). Every existing trip becomes a one-stop trip
-- whose stop has the trip's id, so old buttons (rsvp:<id>:going), job payloads and dedupe keys name the right stop;
-- answers (waitlist order, attendance) and reminder deliveries are re-keyed to that stop with nothing lost.
CREATE TABLE "trip_stops" (
	"id" serial PRIMARY KEY NOT NULL,
	"trip_id" integer NOT NULL,
	"guild_id" text NOT NULL,
	"position" integer DEFAULT 1 NOT NULL,
	"town_id" integer,
	"town_name" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer DEFAULT 90 NOT NULL,
	"topic" text,
	"venue" text,
	"capacity" integer,
	"reach" text DEFAULT 'town' NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"cancel_reason" text,
	"pinged_role_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"ping_message_id" text,
	"scheduled_event_id" text,
	"recap_message_id" text,
	"recap_notes" text,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
INSERT INTO "trip_stops" ("id", "trip_id", "guild_id", "position", "town_id", "town_name", "starts_at", "duration_minutes",
	"topic", "venue", "capacity", "reach", "status", "cancel_reason", "pinged_role_ids", "ping_message_id",
	"scheduled_event_id", "recap_message_id", "recap_notes", "version", "created_at", "updated_at")
SELECT "id", "id", "guild_id", 1, "town_id", "town_name", "starts_at", "duration_minutes",
	"topic", "venue", "capacity", "reach", "status", "cancel_reason", "pinged_role_ids", NULL,
	"scheduled_event_id", "recap_message_id", "recap_notes", "version", "created_at", "updated_at"
FROM "trips";
--> statement-breakpoint
-- Next stop ids continue where the trips' ids are (past every trip id, and past ids already handed out), so a new
-- trip's first stop usually has its trip's number too; on an empty database both start at 1.
SELECT setval(
	pg_get_serial_sequence('trip_stops', 'id'),
	greatest((SELECT coalesce(max("id"), 0) FROM "trips"), (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM "trips_id_seq"), 1),
	(SELECT coalesce(max("id"), 0) FROM "trips") > 0 OR (SELECT is_called FROM "trips_id_seq")
);
--> statement-breakpoint
DROP TRIGGER IF EXISTS "trips_bump_version" ON "trips";--> statement-breakpoint
DROP FUNCTION IF EXISTS escale_bump_trip_version();--> statement-breakpoint
ALTER TABLE "reminder_deliveries" DROP CONSTRAINT "reminder_deliveries_trip_id_trips_id_fk";--> statement-breakpoint
ALTER TABLE "rsvps" DROP CONSTRAINT "rsvps_trip_id_trips_id_fk";--> statement-breakpoint
ALTER TABLE "trips" DROP CONSTRAINT "trips_town_id_towns_id_fk";--> statement-breakpoint
DROP INDEX "trips_guild_starts_idx";--> statement-breakpoint
-- stop id = trip id: the rows keep their values, only the column's name and references change.
ALTER TABLE "rsvps" RENAME COLUMN "trip_id" TO "stop_id";--> statement-breakpoint
ALTER TABLE "rsvps" RENAME CONSTRAINT "rsvps_trip_id_user_id_pk" TO "rsvps_stop_id_user_id_pk";--> statement-breakpoint
ALTER TABLE "reminder_deliveries" RENAME COLUMN "trip_id" TO "stop_id";--> statement-breakpoint
ALTER TABLE "reminder_deliveries" RENAME CONSTRAINT "reminder_deliveries_trip_id_offset_minutes_user_id_pk" TO "reminder_deliveries_stop_id_offset_minutes_user_id_pk";--> statement-breakpoint
ALTER TABLE "trip_stops" ADD CONSTRAINT "trip_stops_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "public"."trips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trip_stops" ADD CONSTRAINT "trip_stops_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "trip_stops_guild_starts_idx" ON "trip_stops" USING btree ("guild_id","starts_at");--> statement-breakpoint
CREATE INDEX "trip_stops_trip_idx" ON "trip_stops" USING btree ("trip_id","position");--> statement-breakpoint
ALTER TABLE "reminder_deliveries" ADD CONSTRAINT "reminder_deliveries_stop_id_trip_stops_id_fk" FOREIGN KEY ("stop_id") REFERENCES "public"."trip_stops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsvps" ADD CONSTRAINT "rsvps_stop_id_trip_stops_id_fk" FOREIGN KEY ("stop_id") REFERENCES "public"."trip_stops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trips" DROP COLUMN "town_id";--> statement-breakpoint
ALTER TABLE "trips" DROP COLUMN "town_name";--> statement-breakpoint
ALTER TABLE "trips" DROP COLUMN "starts_at";--> statement-breakpoint
ALTER TABLE "trips" DROP COLUMN "duration_minutes";--> statement-breakpoint
ALTER TABLE "trips" DROP COLUMN "topic";--> statement-breakpoint
ALTER TABLE "trips" DROP COLUMN "venue";--> statement-breakpoint
ALTER TABLE "trips" DROP COLUMN "capacity";--> statement-breakpoint
ALTER TABLE "trips" DROP COLUMN "reach";--> statement-breakpoint
ALTER TABLE "trips" DROP COLUMN "cancel_reason";--> statement-breakpoint
ALTER TABLE "trips" DROP COLUMN "pinged_role_ids";--> statement-breakpoint
ALTER TABLE "trips" DROP COLUMN "scheduled_event_id";--> statement-breakpoint
ALTER TABLE "trips" DROP COLUMN "recap_message_id";--> statement-breakpoint
ALTER TABLE "trips" DROP COLUMN "recap_notes";--> statement-breakpoint
ALTER TABLE "trips" DROP COLUMN "version";--> statement-breakpoint
CREATE OR REPLACE FUNCTION escale_bump_stop_version() RETURNS trigger AS $$
BEGIN
  IF NEW.starts_at IS DISTINCT FROM OLD.starts_at
    OR NEW.duration_minutes IS DISTINCT FROM OLD.duration_minutes
    OR NEW.town_id IS DISTINCT FROM OLD.town_id
    OR NEW.town_name IS DISTINCT FROM OLD.town_name
    OR NEW.topic IS DISTINCT FROM OLD.topic
    OR NEW.venue IS DISTINCT FROM OLD.venue
    OR NEW.status IS DISTINCT FROM OLD.status
    OR NEW.cancel_reason IS DISTINCT FROM OLD.cancel_reason THEN
    NEW.version := OLD.version + 1;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER trip_stops_bump_version BEFORE UPDATE ON trip_stops FOR EACH ROW EXECUTE FUNCTION escale_bump_stop_version();
