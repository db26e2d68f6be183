CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`label` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`meeting_id` integer,
	`details` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_meeting_idx` ON `audit_log` (`meeting_id`,`at`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contribution_id` integer NOT NULL,
	`author_user_id` integer NOT NULL,
	`body` text NOT NULL,
	`shared_with_submitter` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`contribution_id`) REFERENCES `contributions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comments_contribution_idx` ON `comments` (`contribution_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `contribution_contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contribution_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`organization` text NOT NULL,
	`country` text NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`email` text NOT NULL,
	FOREIGN KEY (`contribution_id`) REFERENCES `contributions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `contribution_questions` (
	`contribution_id` integer NOT NULL,
	`question_id` integer NOT NULL,
	PRIMARY KEY(`contribution_id`, `question_id`),
	FOREIGN KEY (`contribution_id`) REFERENCES `contributions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cq_question_idx` ON `contribution_questions` (`question_id`);--> statement-breakpoint
CREATE TABLE `contribution_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contribution_id` integer NOT NULL,
	`kind` text NOT NULL,
	`ordinal` integer NOT NULL,
	`file_id` integer NOT NULL,
	`original_name` text NOT NULL,
	`submitted_by_user_id` integer NOT NULL,
	`request_started_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	`state` text NOT NULL,
	`note` text,
	FOREIGN KEY (`contribution_id`) REFERENCES `contributions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`file_id`) REFERENCES `stored_files`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `versions_kind_ordinal_uq` ON `contribution_versions` (`contribution_id`,`kind`,`ordinal`);--> statement-breakpoint
CREATE INDEX `versions_received_idx` ON `contribution_versions` (`received_at`);--> statement-breakpoint
CREATE TABLE `contributions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`study_group_id` integer NOT NULL,
	`study_period_id` integer NOT NULL,
	`number` integer,
	`organisation_id` integer NOT NULL,
	`submitter_user_id` integer NOT NULL,
	`title` text NOT NULL,
	`purpose` text NOT NULL,
	`abstract` text DEFAULT '' NOT NULL,
	`keywords` text DEFAULT '' NOT NULL,
	`working_party_id` integer,
	`status` text NOT NULL,
	`withdrawn_at` integer,
	`withdrawn_reason` text,
	`withdrawn_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`study_group_id`) REFERENCES `study_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`study_period_id`) REFERENCES `study_periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitter_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`working_party_id`) REFERENCES `working_parties`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`withdrawn_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contributions_number_uq` ON `contributions` (`study_group_id`,`study_period_id`,`number`);--> statement-breakpoint
CREATE INDEX `contributions_meeting_idx` ON `contributions` (`meeting_id`,`status`);--> statement-breakpoint
CREATE INDEX `contributions_org_idx` ON `contributions` (`organisation_id`,`meeting_id`);--> statement-breakpoint
CREATE TABLE `extensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`organisation_id` integer,
	`user_id` integer,
	`until_at` integer NOT NULL,
	`reason` text NOT NULL,
	`granted_by_user_id` integer NOT NULL,
	`granted_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_by_user_id` integer,
	`revoke_reason` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`granted_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `extensions_meeting_idx` ON `extensions` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `late_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`contribution_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`kind` text NOT NULL,
	`requested_by_user_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`explanation` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`decided_by_user_id` integer,
	`decided_at` integer,
	`decision_reason` text,
	`deferred_to_meeting_id` integer,
	`td_reference` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contribution_id`) REFERENCES `contributions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `contribution_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deferred_to_meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `late_requests_meeting_idx` ON `late_requests` (`meeting_id`,`status`);--> statement-breakpoint
CREATE TABLE `meeting_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`reference` text NOT NULL,
	`reason` text NOT NULL,
	`changes` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_changes_meeting_idx` ON `meeting_changes` (`meeting_id`,`at`);--> statement-breakpoint
CREATE TABLE `meeting_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`registration_required` integer DEFAULT false NOT NULL,
	`note` text,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_sessions_meeting_idx` ON `meeting_sessions` (`meeting_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`study_group_id` integer NOT NULL,
	`study_period_id` integer NOT NULL,
	`mode` text NOT NULL,
	`location` text NOT NULL,
	`first_day` text NOT NULL,
	`last_day` text NOT NULL,
	`time_zone` text DEFAULT 'Europe/Zurich' NOT NULL,
	`deadline_at` integer NOT NULL,
	`deadline_rule` text DEFAULT 'default' NOT NULL,
	`deadline_note` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`study_group_id`) REFERENCES `study_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`study_period_id`) REFERENCES `study_periods`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_code_unique` ON `meetings` (`code`);--> statement-breakpoint
CREATE INDEX `meetings_group_idx` ON `meetings` (`study_group_id`,`first_day`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`country` text NOT NULL,
	`member_type` text NOT NULL,
	`associate_study_group_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`associate_study_group_id`) REFERENCES `study_groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `question_visits` (
	`user_id` integer NOT NULL,
	`question_id` integer NOT NULL,
	`visited_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `question_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_group_id` integer NOT NULL,
	`study_period_id` integer NOT NULL,
	`working_party_id` integer,
	`number` integer NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	FOREIGN KEY (`study_group_id`) REFERENCES `study_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`study_period_id`) REFERENCES `study_periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`working_party_id`) REFERENCES `working_parties`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `questions_code_uq` ON `questions` (`study_period_id`,`code`);--> statement-breakpoint
CREATE TABLE `rapporteur_assignments` (
	`user_id` integer NOT NULL,
	`question_id` integer NOT NULL,
	`kind` text NOT NULL,
	PRIMARY KEY(`user_id`, `question_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rapporteur_question_idx` ON `rapporteur_assignments` (`question_id`);--> statement-breakpoint
CREATE TABLE `refused_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer,
	`contribution_id` integer,
	`user_id` integer,
	`organisation_id` integer,
	`at` integer NOT NULL,
	`action` text NOT NULL,
	`code` text NOT NULL,
	`file_name` text,
	`size` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contribution_id`) REFERENCES `contributions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `refused_meeting_idx` ON `refused_attempts` (`meeting_id`,`at`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`contribution_id` integer PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`reviewed_version_id` integer,
	`updated_by_user_id` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`contribution_id`) REFERENCES `contributions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_version_id`) REFERENCES `contribution_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `secretariat_assignments` (
	`user_id` integer NOT NULL,
	`study_group_id` integer NOT NULL,
	`title` text,
	PRIMARY KEY(`user_id`, `study_group_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`study_group_id`) REFERENCES `study_groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sign_in_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`address` text NOT NULL,
	`at` integer NOT NULL,
	`succeeded` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_email_idx` ON `sign_in_attempts` (`email`,`at`);--> statement-breakpoint
CREATE INDEX `sign_in_address_idx` ON `sign_in_attempts` (`address`,`at`);--> statement-breakpoint
CREATE TABLE `stored_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`media_type` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stored_files_sha256_unique` ON `stored_files` (`sha256`);--> statement-breakpoint
CREATE TABLE `study_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` integer NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`email` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `study_groups_number_unique` ON `study_groups` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `study_groups_code_unique` ON `study_groups` (`code`);--> statement-breakpoint
CREATE TABLE `study_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`label` text NOT NULL,
	`first_year` integer NOT NULL,
	`last_year` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `study_periods_code_unique` ON `study_periods` (`code`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`organisation_id` integer,
	`phone` text,
	`locale` text,
	`time_zone` text,
	`active` integer DEFAULT true NOT NULL,
	`deactivated_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `working_parties` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_group_id` integer NOT NULL,
	`study_period_id` integer NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	FOREIGN KEY (`study_group_id`) REFERENCES `study_groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`study_period_id`) REFERENCES `study_periods`(`id`) ON UPDATE no action ON DELETE no action
);
