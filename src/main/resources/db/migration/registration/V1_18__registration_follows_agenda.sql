-- The registration module's copy of what the agenda says of an event and its dates, kept fresh by
-- the agenda's events (EventCancelled, EventPostponed, EventRescheduled, EventRevised).
alter table registration.offer
    add column event_status      text not null default 'SCHEDULED',
    add column status_reason     text,
    add column status_changed_at timestamptz,
    add constraint offer_event_status check (event_status in ('SCHEDULED', 'CANCELLED', 'POSTPONED', 'FULL'));
alter table registration.slot
    add column previous_starts_at timestamptz,
    add column previous_ends_at   timestamptz,
    add column moved_at           timestamptz,
    add column removed_at         timestamptz;

-- The agenda's changes already handled: a change delivered twice (a retry, a restart) is handled once.
create table registration.handled_change (
    change_id  uuid primary key,
    handled_at timestamptz not null
);
