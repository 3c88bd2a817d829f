-- ars.retention.call-log: published calls are deleted once old enough; the index holds
-- only those.
create index calls_published_age on ars.calls (updated_at) where state = 'published';
