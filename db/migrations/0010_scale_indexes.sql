CREATE INDEX `contacts_contribution_idx` ON `contribution_contacts` (`contribution_id`,`position`);--> statement-breakpoint
CREATE INDEX `versions_current_idx` ON `contribution_versions` (`contribution_id`,`state`,`received_at`);--> statement-breakpoint
CREATE INDEX `contributions_org_created_idx` ON `contributions` (`organisation_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `late_requests_contribution_idx` ON `late_requests` (`contribution_id`);