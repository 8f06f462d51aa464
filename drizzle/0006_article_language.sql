-- Each article and each revision keeps its language (a BCP 47 tag, or NULL when unknown) and its
-- base direction. Existing rows get no language and the direction of their text's script
-- (factmark_text_direction, registered by db/client.ts: lib/document/direction.ts's detectDirection),
-- so an Arabic article stored before reads right to left; no text, offset or annotation changes.
ALTER TABLE `article_revisions` ADD `lang` text;--> statement-breakpoint
ALTER TABLE `article_revisions` ADD `dir` text DEFAULT 'ltr' NOT NULL CHECK (`dir` IN ('ltr', 'rtl'));--> statement-breakpoint
ALTER TABLE `articles` ADD `lang` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `dir` text DEFAULT 'ltr' NOT NULL CHECK (`dir` IN ('ltr', 'rtl'));--> statement-breakpoint
UPDATE `articles` SET `dir` = 'rtl' WHERE factmark_text_direction(`plain_text`) = 'rtl';--> statement-breakpoint
UPDATE `article_revisions` SET `dir` = 'rtl' WHERE factmark_text_direction(`plain_text`) = 'rtl';
