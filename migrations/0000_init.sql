CREATE TABLE "drive_times" (
	"guild_id" text NOT NULL,
	"from_town_id" integer NOT NULL,
	"to_town_id" integer NOT NULL,
	"minutes" integer NOT NULL,
	CONSTRAINT "drive_times_from_town_id_to_town_id_pk" PRIMARY KEY("from_town_id","to_town_id")
);
--> statement-breakpoint
CREATE TABLE "guild_settings" (
	"guild_id" text PRIMARY KEY NOT NULL,
	"welcome_channel_id" text,
	"trips_channel_id" text,
	"time_zone" text DEFAULT 'America/Toronto' NOT NULL,
	"language" text,
	"nearby_minutes" integer DEFAULT 60 NOT NULL,
	"recap_delay_minutes" integer DEFAULT 30 NOT NULL,
	"reminder_offsets_minutes" integer[] DEFAULT '{1440,60}'::integer[] NOT NULL,
	"remind_maybe" boolean DEFAULT false NOT NULL,
	"max_trips_per_day" integer DEFAULT 3 NOT NULL,
	"town_ping_cooldown_minutes" integer DEFAULT 60 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"guild_id" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"locked_by" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rsvps" (
	"trip_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"status" text NOT NULL,
	"guests" integer DEFAULT 0 NOT NULL,
	"responded_at" timestamp with time zone NOT NULL,
	"waitlisted_at" timestamp with time zone,
	"attended_at" timestamp with time zone,
	CONSTRAINT "rsvps_trip_id_user_id_pk" PRIMARY KEY("trip_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "towns" (
	"id" serial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"name" text NOT NULL,
	"normalized_name" text NOT NULL,
	"role_id" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trips" (
	"id" serial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"host_id" text NOT NULL,
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
	"channel_id" text,
	"message_id" text,
	"pinged_role_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"scheduled_event_id" text,
	"thread_id" text,
	"recap_message_id" text,
	"recap_notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "drive_times" ADD CONSTRAINT "drive_times_from_town_id_towns_id_fk" FOREIGN KEY ("from_town_id") REFERENCES "public"."towns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drive_times" ADD CONSTRAINT "drive_times_to_town_id_towns_id_fk" FOREIGN KEY ("to_town_id") REFERENCES "public"."towns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rsvps" ADD CONSTRAINT "rsvps_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "public"."trips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trips" ADD CONSTRAINT "trips_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_dedupe_unique" ON "jobs" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE INDEX "rsvps_user_idx" ON "rsvps" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "towns_guild_name_unique" ON "towns" USING btree ("guild_id","normalized_name");--> statement-breakpoint
CREATE INDEX "towns_guild_role_idx" ON "towns" USING btree ("guild_id","role_id");--> statement-breakpoint
CREATE INDEX "trips_guild_starts_idx" ON "trips" USING btree ("guild_id","starts_at");--> statement-breakpoint
CREATE INDEX "trips_host_created_idx" ON "trips" USING btree ("guild_id","host_id","created_at");