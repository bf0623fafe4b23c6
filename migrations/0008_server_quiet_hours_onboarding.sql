ALTER TABLE "guild_settings" ADD COLUMN "quiet_hours" text;--> statement-breakpoint
ALTER TABLE "guild_settings" ADD COLUMN "onboarding" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "guild_settings" ADD COLUMN "onboarding_prompt_id" text;--> statement-breakpoint
ALTER TABLE "guild_settings" ADD COLUMN "onboarding_problem" text;--> statement-breakpoint
ALTER TABLE "trip_stops" ADD COLUMN "pinged_at" timestamp with time zone;