-- "Mon programme": the events a visitor saves, with an account or anonymously. Its private link (and
-- the cookie of an anonymous visitor) carries a random token; only its hash is kept.
create table agenda.programme (
    id         bigint generated always as identity primary key,
    token_hash text        not null unique,
    account_id bigint unique,
    created_at timestamptz not null
);

create table agenda.programme_item (
    programme_id bigint      not null references agenda.programme (id) on delete cascade,
    event_id     bigint      not null references agenda.event (id) on delete cascade,
    added_at     timestamptz not null,
    primary key (programme_id, event_id)
);
