ALTER TABLE `entries` ADD `carried` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `task_events` ADD `status` text;--> statement-breakpoint
ALTER TABLE `task_events` ADD `blocker` text;--> statement-breakpoint
ALTER TABLE `task_events` ADD `week` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `dismissed_until` text;