CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL,
	`owner_rep_id` integer,
	`industry` text,
	`region` text,
	`tier` text DEFAULT 'normal' NOT NULL,
	`since` text,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_rep_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_team_name_uq` ON `customers` (`team_id`,`name_key`);--> statement-breakpoint
CREATE INDEX `customers_owner_idx` ON `customers` (`owner_rep_id`);--> statement-breakpoint
CREATE TABLE `entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`week` text NOT NULL,
	`rep_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`contacts` integer,
	`last_contact` text,
	`revenue` real,
	`receivable` real,
	`overdue_days` integer,
	`complaints` integer,
	`complaint_type` text,
	`requirement_changes` integer,
	`faults` integer,
	`usage` text,
	`stage` text,
	`expected_close` text,
	`health` text,
	`notes` text,
	`source` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`rep_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `entries_week_rep_customer_uq` ON `entries` (`week`,`rep_id`,`customer_id`);--> statement-breakpoint
CREATE INDEX `entries_team_week_idx` ON `entries` (`team_id`,`week`);--> statement-breakpoint
CREATE INDEX `entries_customer_week_idx` ON `entries` (`customer_id`,`week`);--> statement-breakpoint
CREATE TABLE `inbound_events` (
	`key` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `inbound_events_at_idx` ON `inbound_events` (`at`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`team_id` integer NOT NULL,
	`week` text NOT NULL,
	`step` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	PRIMARY KEY(`team_id`, `week`, `step`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`slack_user_id` text,
	`feishu_open_id` text,
	`timezone` text,
	`locale` text,
	`away_until` text,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_team_email_uq` ON `members` (`team_id`,lower("email"));--> statement-breakpoint
CREATE INDEX `members_slack_idx` ON `members` (`slack_user_id`);--> statement-breakpoint
CREATE INDEX `members_feishu_idx` ON `members` (`feishu_open_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`key` text NOT NULL,
	`platform` text NOT NULL,
	`op` text NOT NULL,
	`destination` text NOT NULL,
	`card` text NOT NULL,
	`update_of` text,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`in_flight_since` text,
	`last_error` text,
	`message_ref` text,
	`created_at` text NOT NULL,
	`sent_at` text,
	`failed_at` text,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_key_uq` ON `outbox` (`key`);--> statement-breakpoint
CREATE INDEX `outbox_state_next_idx` ON `outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_team_failed_idx` ON `outbox` (`team_id`,`failed_at`);--> statement-breakpoint
CREATE TABLE `reports` (
	`team_id` integer NOT NULL,
	`week` text NOT NULL,
	`rep_id` integer NOT NULL,
	`submitted_at` text,
	`late` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`team_id`, `week`, `rep_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`rep_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `scores` (
	`team_id` integer NOT NULL,
	`week` text NOT NULL,
	`customer_id` integer NOT NULL,
	`risk_index` real NOT NULL,
	`grade` text,
	`tags` text NOT NULL,
	`reasons` text NOT NULL,
	`dimensions` text NOT NULL,
	`delta` real,
	`weeks_in_red` integer NOT NULL,
	`has_data` integer NOT NULL,
	PRIMARY KEY(`team_id`, `week`, `customer_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scores_customer_week_idx` ON `scores` (`customer_id`,`week`);--> statement-breakpoint
CREATE TABLE `settings` (
	`team_id` integer NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`team_id`, `key`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `task_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`kind` text NOT NULL,
	`actor_id` integer,
	`at` text NOT NULL,
	`note` text,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `task_events_task_idx` ON `task_events` (`task_id`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`tag` text NOT NULL,
	`role` text NOT NULL,
	`assignee_id` integer,
	`owner_role` text NOT NULL,
	`grade` text NOT NULL,
	`state` text NOT NULL,
	`created_week` text NOT NULL,
	`due_date` text NOT NULL,
	`snoozed_until` text,
	`closed_at` text,
	`close_note` text,
	`index_at_close` real,
	`index_after_2w` real,
	`index_after_4w` real,
	`escalated` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assignee_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `tasks_team_state_idx` ON `tasks` (`team_id`,`state`);--> statement-breakpoint
CREATE UNIQUE INDEX `tasks_active_customer_tag_uq` ON `tasks` (`customer_id`,`tag`) WHERE "tasks"."state" in ('open', 'claimed', 'snoozed');--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`timezone` text NOT NULL,
	`locale` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_name_uq` ON `teams` (`name`);