CREATE TABLE `feed_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`key_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feed_keys_key_hash_unique` ON `feed_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `feed_keys_user_idx` ON `feed_keys` (`user_id`);--> statement-breakpoint
CREATE TABLE `file_texts` (
	`file_id` integer PRIMARY KEY NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT 0 NOT NULL,
	`lease_until` integer,
	`reason` text,
	`text` text,
	`chars` integer,
	`pages` integer,
	`truncated` integer DEFAULT false NOT NULL,
	`elapsed_ms` integer,
	`extracted_at` integer,
	FOREIGN KEY (`file_id`) REFERENCES `stored_files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `file_texts_pending_idx` ON `file_texts` (`next_attempt_at`) WHERE state = 'pending';--> statement-breakpoint
CREATE TABLE `follows` (
	`user_id` integer NOT NULL,
	`contribution_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `contribution_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contribution_id`) REFERENCES `contributions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `follows_contribution_idx` ON `follows` (`contribution_id`);--> statement-breakpoint
CREATE TABLE `log_cursors` (
	`name` text PRIMARY KEY NOT NULL,
	`last_audit_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notice_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`audit_id` integer NOT NULL,
	`contribution_id` integer NOT NULL,
	`version_id` integer,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`sent_at` integer,
	`mail_id` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`audit_id`) REFERENCES `audit_log`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contribution_id`) REFERENCES `contributions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `contribution_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mail_id`) REFERENCES `mail_queue`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notice_items_event_uq` ON `notice_items` (`user_id`,`audit_id`);--> statement-breakpoint
CREATE INDEX `notice_items_unsent_idx` ON `notice_items` (`user_id`) WHERE sent_at IS NULL;--> statement-breakpoint
CREATE INDEX `notice_items_mail_idx` ON `notice_items` (`mail_id`);--> statement-breakpoint
CREATE TABLE `notice_preferences` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`mode` text DEFAULT 'none' NOT NULL,
	`digest_hour` integer DEFAULT 8 NOT NULL,
	`last_digest_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `versions_file_idx` ON `contribution_versions` (`file_id`);