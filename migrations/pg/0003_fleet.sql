CREATE TABLE "rate_pauses" (
	"scope" text PRIMARY KEY NOT NULL,
	"paused_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "replica_heartbeats" (
	"owner" text PRIMARY KEY NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
