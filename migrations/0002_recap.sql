CREATE TABLE "reminder_deliveries" (
	"trip_id" integer NOT NULL,
	"offset_minutes" integer NOT NULL,
	"user_id" text NOT NULL,
	"channel" text NOT NULL,
	"delivered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reminder_deliveries_trip_id_offset_minutes_user_id_pk" PRIMARY KEY("trip_id","offset_minutes","user_id")
);
--> statement-breakpoint
ALTER TABLE "reminder_deliveries" ADD CONSTRAINT "reminder_deliveries_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "public"."trips"("id") ON DELETE cascade ON UPDATE no action;