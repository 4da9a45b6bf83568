-- A structure is unverified until a moderator of its territory confirms it; a second person who
-- claims the same SIRET files a claim that the moderators decide.
alter table directory.structure add column verified_at timestamptz;
alter table directory.structure add column verified_by bigint;

create table directory.structure_claim (
    id           bigint generated always as identity primary key,
    structure_id bigint      not null references directory.structure (id) on delete cascade,
    account_id   bigint      not null,
    message      text        not null,
    created_at   timestamptz not null,
    decided_at   timestamptz,
    decided_by   bigint,
    accepted     boolean,
    constraint structure_claim_message check (length(message) <= 2000)
);
-- one open claim per person and structure
create unique index structure_claim_open on directory.structure_claim (structure_id, account_id) where decided_at is null;
