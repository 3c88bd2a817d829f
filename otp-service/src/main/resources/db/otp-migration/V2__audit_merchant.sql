-- The merchant (tenant) each audit line was written for. The customer key is a keyed hash of
-- (merchant, real-name id) and cannot be traced back to its merchant, so device inquiries
-- (institutions, history, errors) need this to answer only a merchant that has or had the
-- device registered, and to show it only its own lines.
-- Adding a nullable column rewrites no row, so the append-only triggers do not fire. Lines
-- written before this migration keep merchant NULL: they cannot be attributed and are shown
-- to no merchant.
ALTER TABLE otp.audit_events ADD COLUMN merchant text;
CREATE INDEX audit_events_by_device_and_merchant ON otp.audit_events (device, merchant, id);
-- the new index serves every lookup by device the old one did
DROP INDEX otp.audit_events_by_device;
