ALTER TABLE `entries` ADD `collected` real;--> statement-breakpoint
ALTER TABLE `entries` ADD `payment_term_days` integer;