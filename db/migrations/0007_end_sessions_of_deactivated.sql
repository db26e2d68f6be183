-- Accounts deactivated before session versions existed: their API tokens were never revoked, and
-- a reactivation must not bring them back. Raising the version now ends them (the tokens keep 0).
-- Sessions (JWTs) issued before this migration carry no version at all and are refused anyway.
UPDATE `users` SET `session_version` = `session_version` + 1 WHERE `active` = 0;
