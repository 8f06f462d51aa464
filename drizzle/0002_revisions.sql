CREATE TABLE `article_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`number` integer NOT NULL,
	`doc` text NOT NULL,
	`plain_text` text NOT NULL,
	`text_length` integer NOT NULL,
	`content_hash` text NOT NULL,
	`source` text NOT NULL,
	`title` text NOT NULL,
	`byline` text,
	`publisher` text,
	`published_at` text,
	`carried` text,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `article_revisions_article_number_idx` ON `article_revisions` (`article_id`,`number`);--> statement-breakpoint
ALTER TABLE `annotations` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `annotations` ADD `anchor_state` text DEFAULT 'unchanged' NOT NULL;--> statement-breakpoint
ALTER TABLE `annotations` ADD `previous_exact` text;--> statement-breakpoint
ALTER TABLE `annotations` ADD `previous_revision` integer;--> statement-breakpoint
ALTER TABLE `annotations` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `articles` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Every existing article becomes its revision 1, with its text exactly as stored, in the same
-- migration. SQLite has no SHA-256: openDatabase() registers factmark_sha256 before migrating.
INSERT INTO `article_revisions` (`article_id`, `number`, `doc`, `plain_text`, `text_length`, `content_hash`, `source`, `title`, `byline`, `publisher`, `published_at`, `carried`, `created_by`, `created_at`)
SELECT `id`, 1, `doc`, `plain_text`, `text_length`, factmark_sha256(`plain_text`), CASE WHEN `source_url` IS NULL THEN 'paste' ELSE 'url' END, `title`, `byline`, `publisher`, `published_at`, NULL, `created_by`, `created_at` FROM `articles`;
