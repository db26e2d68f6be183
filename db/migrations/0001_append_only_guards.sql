-- The audit log is append-only: nothing in it can be edited or deleted, through the app or otherwise.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
--> statement-breakpoint
-- What was received is immutable: only the decision state of a version may change.
CREATE TRIGGER contribution_versions_immutable BEFORE UPDATE OF contribution_id, kind, ordinal, file_id, original_name, submitted_by_user_id, request_started_at, received_at ON contribution_versions
BEGIN SELECT RAISE(ABORT, 'contribution versions are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER contribution_versions_no_delete BEFORE DELETE ON contribution_versions
BEGIN SELECT RAISE(ABORT, 'contribution versions are never deleted'); END;
--> statement-breakpoint
-- A number once given is never changed or taken back.
CREATE TRIGGER contributions_number_fixed BEFORE UPDATE OF number ON contributions
WHEN OLD.number IS NOT NULL AND (NEW.number IS NULL OR NEW.number <> OLD.number)
BEGIN SELECT RAISE(ABORT, 'a contribution number is never changed'); END;
