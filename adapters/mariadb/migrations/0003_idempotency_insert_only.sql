-- 0003: the idempotency record is now written once, with its response, at
-- the end of the change's transaction: the service role no longer needs to
-- update it. Least privilege: INSERT and SELECT only, as for audit_events.
REVOKE UPDATE ON idempotency_keys FROM discipline_service;
