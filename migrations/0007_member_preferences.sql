CREATE TABLE "member_preferences" (
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"reminders" text DEFAULT 'dm' NOT NULL,
	"quiet_start_minute" integer,
	"quiet_end_minute" integer,
	"language" text DEFAULT 'auto' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_preferences_guild_id_user_id_pk" PRIMARY KEY("guild_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "town_digest_members" (
	"town_id" integer NOT NULL,
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "town_digest_members_town_id_user_id_pk" PRIMARY KEY("town_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "town_digest_members" ADD CONSTRAINT "town_digest_members_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "town_digest_members_guild_user_idx" ON "town_digest_members" USING btree ("guild_id","user_id");