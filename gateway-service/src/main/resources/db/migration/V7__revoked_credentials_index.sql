-- Every instance looks for keys revoked in the last seconds, once a second
-- (RevocationWatcher): an index over the few revoked rows only.
CREATE INDEX api_credentials_revoked_at ON gateway.api_credentials (revoked_at) WHERE revoked_at IS NOT NULL;
