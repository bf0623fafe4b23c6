CREATE TABLE "ride_matches" (
	"id" serial PRIMARY KEY NOT NULL,
	"offer_id" integer NOT NULL,
	"need_id" integer NOT NULL,
	"status" text NOT NULL,
	"detour_minutes" integer NOT NULL,
	"proposal_channel_id" text,
	"proposal_message_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ride_needs" (
	"id" serial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"stop_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"from_town_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ride_offers" (
	"id" serial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"stop_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"from_town_id" integer NOT NULL,
	"seats" integer NOT NULL,
	"detour_minutes" integer NOT NULL,
	"leaving_at" timestamp with time zone,
	"thread_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ride_matches" ADD CONSTRAINT "ride_matches_offer_id_ride_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."ride_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ride_matches" ADD CONSTRAINT "ride_matches_need_id_ride_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."ride_needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ride_needs" ADD CONSTRAINT "ride_needs_stop_id_trip_stops_id_fk" FOREIGN KEY ("stop_id") REFERENCES "public"."trip_stops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ride_needs" ADD CONSTRAINT "ride_needs_from_town_id_towns_id_fk" FOREIGN KEY ("from_town_id") REFERENCES "public"."towns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ride_offers" ADD CONSTRAINT "ride_offers_stop_id_trip_stops_id_fk" FOREIGN KEY ("stop_id") REFERENCES "public"."trip_stops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ride_offers" ADD CONSTRAINT "ride_offers_from_town_id_towns_id_fk" FOREIGN KEY ("from_town_id") REFERENCES "public"."towns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ride_matches_offer_need_unique" ON "ride_matches" USING btree ("offer_id","need_id");--> statement-breakpoint
CREATE INDEX "ride_matches_need_idx" ON "ride_matches" USING btree ("need_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ride_needs_stop_user_unique" ON "ride_needs" USING btree ("stop_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ride_offers_stop_user_unique" ON "ride_offers" USING btree ("stop_id","user_id");