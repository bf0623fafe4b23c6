CREATE TABLE "admin_warnings" (
	"guild_id" text NOT NULL,
	"subject" text NOT NULL,
	"delivered_to" text NOT NULL,
	"warned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "admin_warnings_guild_id_subject_pk" PRIMARY KEY("guild_id","subject")
);
