create schema if not exists registration;

-- What an event that registers on Essor offers: seats per registration, waitlist, the organizer's questions.
create table registration.offer (
    event_id   bigint primary key,
    title      text        not null,
    max_seats  integer     not null default 4,
    waitlist   boolean     not null default true,
    questions  jsonb       not null default '[]',
    updated_at timestamptz not null,
    constraint offer_max_seats check (max_seats between 1 and 50)
);

-- The seats of one date of such an event. "taken" counts the seats of confirmed registrations and
-- those held by registrations waiting for their confirmation; it only grows through a conditional
-- update (taken + n <= capacity), which is what keeps a date from being overbooked.
create table registration.slot (
    occurrence_id bigint primary key,
    event_id      bigint      not null references registration.offer (event_id) on delete cascade,
    starts_at     timestamptz not null,
    ends_at       timestamptz not null,
    capacity      integer     not null,
    taken         integer     not null default 0,
    constraint slot_capacity check (capacity >= 0),
    constraint slot_taken check (taken >= 0)
);
create index slot_event_idx on registration.slot (event_id);

create table registration.registration (
    id                 uuid primary key,
    occurrence_id      bigint      not null references registration.slot (occurrence_id) on delete cascade,
    event_id           bigint      not null,
    name               text        not null,
    email              text        not null,
    seats              integer     not null,
    status             text        not null,
    answers            jsonb       not null default '{}',
    source             text        not null,
    consent_at         timestamptz,
    email_confirmed_at timestamptz,
    hold_expires_at    timestamptz,
    confirmed_at       timestamptz,
    cancelled_at       timestamptz,
    checked_in_at      timestamptz,
    reminder_sent_at   timestamptz,
    confirm_token_hash text,
    manage_token_hash  text        not null,
    created_at         timestamptz not null,
    constraint registration_seats check (seats between 1 and 50),
    constraint registration_status check (status in ('PENDING_CONFIRMATION', 'CONFIRMED', 'WAITLISTED', 'CANCELLED', 'EXPIRED')),
    constraint registration_source check (source in ('PUBLIC', 'API', 'ORGANIZER'))
);
-- one live registration per person and date: registering twice gives back the first
create unique index registration_person_idx on registration.registration (occurrence_id, lower(email))
    where status in ('PENDING_CONFIRMATION', 'CONFIRMED', 'WAITLISTED');
create index registration_slot_idx on registration.registration (occurrence_id, status, created_at);
create index registration_hold_idx on registration.registration (hold_expires_at) where status = 'PENDING_CONFIRMATION';
create unique index registration_confirm_idx on registration.registration (confirm_token_hash) where confirm_token_hash is not null;
create index registration_email_idx on registration.registration (lower(email));
