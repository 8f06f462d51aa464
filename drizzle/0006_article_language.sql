-- Each article and each revision keeps its language (a BCP 47 tag, or NULL when unknown) and its
-- base direction. Existing rows become 'ltr' with no language; no text, offset or annotation changes.
ALTER TABLE `article_revisions` ADD `lang` text;--> statement-breakpoint
ALTER TABLE `article_revisions` ADD `dir` text DEFAULT 'ltr' NOT NULL CHECK (`dir` IN ('ltr', 'rtl'));--> statement-breakpoint
ALTER TABLE `articles` ADD `lang` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `dir` text DEFAULT 'ltr' NOT NULL CHECK (`dir` IN ('ltr', 'rtl'));
