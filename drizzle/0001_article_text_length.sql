ALTER TABLE `articles` ADD `text_length` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `articles` SET `text_length` = length(`plain_text`);
