CREATE TABLE `settings_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`key` text NOT NULL,
	`old_value` text,
	`new_value` text,
	`actor` text NOT NULL,
	`at` text NOT NULL,
	`undo_of` integer,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `settings_changes_team_idx` ON `settings_changes` (`team_id`,`id`);--> statement-breakpoint
ALTER TABLE `scores` ADD `settings_hash` text;