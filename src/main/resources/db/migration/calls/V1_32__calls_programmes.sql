create schema if not exists calls;

-- A call for applications: an aid scheme of the Region, an incubator's selection or a prize.
create table calls.programme (
    id               bigint generated always as identity primary key,
    slug             text        not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
    name             text        not null check (length(name) between 1 and 200),
    kind             text        not null check (kind in ('AID', 'INCUBATOR', 'PRIZE')),
    owner            text        not null check (length(owner) between 1 and 200),
    summary          text        not null check (length(summary) <= 500),
    description      text        not null check (length(description) <= 10000),
    who_can_apply    text        not null check (length(who_can_apply) <= 5000),
    -- the most a dossier can be granted, in euro cents; none for a call without amounts
    cap_cents        bigint      check (cap_cents > 0),
    opens_at         timestamptz not null,
    closes_at        timestamptz not null,
    documents        text[]      not null default '{}',
    retention_months integer     not null check (retention_months between 1 and 600),
    demo             boolean     not null default false,
    created_at       timestamptz not null default now(),
    check (closes_at > opens_at)
);

create index programme_closes on calls.programme (closes_at);

-- The versions of a programme's form: a dossier keeps the version it was started on.
create table calls.form_version (
    programme_id bigint      not null references calls.programme (id) on delete cascade,
    version      integer     not null check (version > 0),
    definition   jsonb       not null,
    created_at   timestamptz not null default now(),
    primary key (programme_id, version)
);
