CREATE TABLE `member_identities` (
	`member_id` integer NOT NULL,
	`platform` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`member_id`, `platform`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `member_identities_user_idx` ON `member_identities` (`platform`,`user_id`);--> statement-breakpoint
-- Written by hand (drizzle-kit writes no data moves): the ids kept in the two columns become identities.
INSERT INTO `member_identities` (`member_id`, `platform`, `user_id`) SELECT `id`, 'slack', `slack_user_id` FROM `members` WHERE `slack_user_id` IS NOT NULL AND `slack_user_id` <> '';--> statement-breakpoint
INSERT INTO `member_identities` (`member_id`, `platform`, `user_id`) SELECT `id`, 'feishu', `feishu_open_id` FROM `members` WHERE `feishu_open_id` IS NOT NULL AND `feishu_open_id` <> '';--> statement-breakpoint
DROP INDEX `members_slack_idx`;--> statement-breakpoint
DROP INDEX `members_feishu_idx`;--> statement-breakpoint
ALTER TABLE `members` DROP COLUMN `slack_user_id`;--> statement-breakpoint
ALTER TABLE `members` DROP COLUMN `feishu_open_id`;