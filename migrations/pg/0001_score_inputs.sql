CREATE TABLE "score_inputs" (
	"team_id" integer NOT NULL,
	"week" text NOT NULL,
	"rows" integer NOT NULL,
	"id_sum" bigint NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "score_inputs_team_id_week_pk" PRIMARY KEY("team_id","week")
);
--> statement-breakpoint
ALTER TABLE "score_inputs" ADD CONSTRAINT "score_inputs_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;