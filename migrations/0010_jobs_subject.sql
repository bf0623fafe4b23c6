ALTER TABLE "jobs" ADD COLUMN "subject" text;--> statement-breakpoint
CREATE INDEX "jobs_subject_idx" ON "jobs" USING btree ("subject");--> statement-breakpoint
UPDATE "jobs" SET "subject" = regexp_replace("dedupe_key", ':[^:]*$', '') WHERE "kind" = 'reminder';
