CREATE TABLE `score_inputs` (
	`team_id` integer NOT NULL,
	`week` text NOT NULL,
	`rows` integer NOT NULL,
	`id_sum` integer NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`team_id`, `week`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
