-- Requests of a merchant that has ars.channels.park-after requests held in memory wait here,
-- so that the consumer keeps reading (one merchant's backlog never stalls another's intake).
-- parked_request is the auth-requested record value as received: its phone number, code and
-- challenge key are sealed with the events key ring (they are never stored in clear); it is
-- cleared when the call is claimed (received -> dialing) or ends without a call.
alter table ars.calls
    add column parked_request bytea,
    add column dispatched_at timestamptz,     -- when an instance took it from the table
    add column dispatched_by uuid;            -- that instance; it renews dispatched_at (lease)

-- the dispatcher claims a merchant's parked requests oldest first
create index calls_parked on ars.calls (merchant_id, received_at) where parked_request is not null;
