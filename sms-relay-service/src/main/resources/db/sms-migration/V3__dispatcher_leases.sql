-- Every running dispatcher renews its lease here (sms.dispatch.lease). A message claimed by
-- a dispatcher whose lease lapsed (the instance died, or lost the database) is queued
-- again at the next sweep of any instance, instead of after the claim timeout. Times are
-- the database's own (now()), so instances' clocks do not matter.
CREATE TABLE sms.dispatchers (
  owner      uuid PRIMARY KEY,
  renewed_at timestamptz NOT NULL
);
