CREATE TABLE `member_team_scopes` (
	`member_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	PRIMARY KEY(`member_id`, `team_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `member_team_scopes_team_idx` ON `member_team_scopes` (`team_id`);--> statement-breakpoint
CREATE TABLE `team_channels` (
	`team_id` integer NOT NULL,
	`platform` text NOT NULL,
	`channel_id` text NOT NULL,
	PRIMARY KEY(`team_id`, `platform`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_channels_channel_uq` ON `team_channels` (`platform`,`channel_id`);