-- The review panel reads one contribution's history from the audit log: without this index it scans the whole log.
CREATE INDEX IF NOT EXISTS `audit_entity_idx` ON `audit_log` (`entity_type`,`entity_id`,`at`);
