ALTER TABLE "jobs" ADD COLUMN "subject" text;--> statement-breakpoint
CREATE INDEX "jobs_subject_idx" ON "jobs" USING btree ("subject");--> statement-breakpoint
UPDATE "jobs" SET "subject" = substring("dedupe_key" from '^(.*:)[^:]*$');
