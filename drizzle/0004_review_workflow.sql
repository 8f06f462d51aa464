CREATE TABLE `adjudications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`second_check_id` integer NOT NULL,
	`first_annotation_id` integer,
	`second_annotation_id` integer,
	`decision` text NOT NULL,
	`status` text,
	`note` text DEFAULT '' NOT NULL,
	`decided_by` integer NOT NULL,
	`decided_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`second_check_id`) REFERENCES `second_checks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`first_annotation_id`) REFERENCES `annotations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`second_annotation_id`) REFERENCES `annotations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `adjudications_check_idx` ON `adjudications` (`second_check_id`);--> statement-breakpoint
CREATE TABLE `annotation_replies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`annotation_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`body` text NOT NULL,
	`reopens` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`annotation_id`) REFERENCES `annotations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `annotation_replies_annotation_idx` ON `annotation_replies` (`annotation_id`,`id`);--> statement-breakpoint
CREATE INDEX `annotation_replies_updated_idx` ON `annotation_replies` (`annotation_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `article_assignments` (
	`article_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`assigned_by` integer NOT NULL,
	`assigned_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `article_assignments_pk` ON `article_assignments` (`article_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `article_assignments_user_idx` ON `article_assignments` (`user_id`,`article_id`);--> statement-breakpoint
CREATE TABLE `article_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`actor_id` integer NOT NULL,
	`type` text NOT NULL,
	`detail` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `article_events_article_idx` ON `article_events` (`article_id`,`id`);--> statement-breakpoint
CREATE TABLE `claim_dismissals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`revision` integer NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`exact` text NOT NULL,
	`dismissed_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`undone_by` integer,
	`undone_at` integer,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`dismissed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`undone_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claim_dismissals_article_idx` ON `claim_dismissals` (`article_id`,`revision`,`start`);--> statement-breakpoint
CREATE TABLE `claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`revision` integer NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`reasons` text NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `claims_article_revision_idx` ON `claims` (`article_id`,`revision`,`start`);--> statement-breakpoint
CREATE TABLE `second_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`requested_by` integer NOT NULL,
	`requested_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`done_at` integer,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `second_checks_article_idx` ON `second_checks` (`article_id`,`id`);--> statement-breakpoint
CREATE INDEX `second_checks_pending_idx` ON `second_checks` (`reviewer_id`,`done_at`);--> statement-breakpoint
ALTER TABLE `annotations` ADD `second_check` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `annotations` ADD `blind` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `articles` ADD `review_state` text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE `articles` ADD `signed_off_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `articles` ADD `signed_off_at` integer;--> statement-breakpoint
ALTER TABLE `articles` ADD `sign_off_reason` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `sign_off_overridden` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `claims_detector` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Articles someone already annotated are in review; the rest stay open.
UPDATE `articles` SET `review_state` = 'in_review' WHERE EXISTS (SELECT 1 FROM `annotations` WHERE `annotations`.`article_id` = `articles`.`id` AND `annotations`.`deleted_at` IS NULL);
