-- One row per verification this service was asked to call: the durable intake, the
-- dedupe key and the outbox of its call-completed. No phone number, code or digit is
-- stored here; the event to publish carries none either.
create table ars.calls (
    verification_id uuid primary key,
    event_id uuid not null unique,            -- the auth-requested event id
    merchant_id text not null,
    traceparent text,                         -- of the auth-requested event
    expires_at timestamptz not null,
    -- received -> dialing -> ended -> published (received -> ended without a call)
    state text not null check (state in ('received', 'dialing', 'ended', 'published')),
    owner uuid,                               -- the instance that dials (state dialing)
    heartbeat_at timestamptz,                 -- its latest sign of life
    outcome text,                             -- set when ended
    completed_event text,                     -- the call-completed JSON, set when ended
    received_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- the sweeper looks only at calls that are not over
create index calls_unfinished on ars.calls (state, heartbeat_at) where state in ('dialing', 'ended');
