CREATE TABLE `mail_queue` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer NOT NULL,
	`kind` text NOT NULL,
	`version_id` integer,
	`late_request_id` integer,
	`study_group_id` integer NOT NULL,
	`to_addresses` text NOT NULL,
	`cc_addresses` text DEFAULT '[]' NOT NULL,
	`subject` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`sent_at` integer,
	`failed_at` integer,
	`last_error` text,
	FOREIGN KEY (`version_id`) REFERENCES `contribution_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`late_request_id`) REFERENCES `late_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`study_group_id`) REFERENCES `study_groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mail_queue_due_idx` ON `mail_queue` (`next_attempt_at`,`id`) WHERE sent_at IS NULL AND failed_at IS NULL;