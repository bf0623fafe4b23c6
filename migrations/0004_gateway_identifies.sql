CREATE TABLE "gateway_identifies" (
	"bucket" integer PRIMARY KEY NOT NULL,
	"identified_at" timestamp with time zone NOT NULL,
	"shard_id" integer NOT NULL
);
