-- The public vote (« prix du public ») of a category, when it has one: its weight in the final result,
-- fixed before the vote opens, and its dates.
alter table juries.category add column vote_weight numeric check (vote_weight >= 0 and vote_weight <= 1);
alter table juries.category add column vote_opens_at timestamptz;
alter table juries.category add column vote_closes_at timestamptz;

-- A vote: asked with an address, counted once that address confirms it (double opt-in); one counted
-- vote per address and category, whatever the dossier; an excluded vote keeps its reason, for the log.
create table juries.vote (
    id           bigint generated always as identity primary key,
    category_id  bigint      not null references juries.category (id) on delete cascade,
    dossier_id   bigint      not null,
    email        text        not null,   -- lower case
    token_hash   text        not null unique,
    asked_at     timestamptz not null,
    confirmed_at timestamptz,
    excluded     text        check (excluded in ('DISPOSABLE', 'ALREADY_VOTED', 'CLOSED')),
    check (confirmed_at is null or excluded is null)
);
create unique index vote_once on juries.vote (category_id, email) where confirmed_at is not null;
create index vote_category on juries.vote (category_id, dossier_id) where confirmed_at is not null;
