CREATE TABLE "feed_tokens" (
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feed_tokens_guild_id_user_id_pk" PRIMARY KEY("guild_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "guild_settings" ADD COLUMN "public_page" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "guild_settings" ADD COLUMN "public_slug" text;--> statement-breakpoint
ALTER TABLE "guild_settings" ADD COLUMN "public_names" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "guild_settings" ADD COLUMN "invite_url" text;--> statement-breakpoint
ALTER TABLE "trips" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "feed_tokens_hash_unique" ON "feed_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "guild_settings_public_slug_unique" ON "guild_settings" USING btree ("public_slug");--> statement-breakpoint
CREATE OR REPLACE FUNCTION escale_bump_trip_version() RETURNS trigger AS $$
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
CREATE TRIGGER trips_bump_version BEFORE UPDATE ON trips FOR EACH ROW EXECUTE FUNCTION escale_bump_trip_version();
