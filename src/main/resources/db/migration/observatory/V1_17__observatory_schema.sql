create schema if not exists observatory;

-- One import of the SIRENE stock files of a month. Pages list only COMPLETE vintages: a vintage
-- being imported, or whose import failed, is never shown, and the previous figures stay in place.
-- A vintage replaced by a new import of its month is REPLACED, its figures kept a while for the
-- instances that still hold its id, then deleted.
create table observatory.vintage (
    id          bigserial primary key,
    month       text        not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    state       text        not null check (state in ('IMPORTING', 'COMPLETE', 'REPLACED', 'FAILED')),
    demo        boolean     not null default false,
    started_at  timestamptz not null default now(),
    finished_at timestamptz,
    report      jsonb
);
-- at most one published vintage per month: re-importing a month replaces it in one transaction
create unique index vintage_complete_month_idx on observatory.vintage (month) where state = 'COMPLETE';

-- The published aggregates: one row per vintage and territory, with the ESS figures and those of every
-- active establishment outside public administration (the denominator), and the breakdowns as JSON:
-- {"family": {"association": [n…]}, "section": {"Q": [n…]}, "band": {"01": [n…]}}, each array holding
-- the ten measures of the columns below in their order (ess_establishments … all_employees_mid).
create table observatory.figure (
    vintage_id          bigint not null references observatory.vintage (id) on delete cascade,
    level               text   not null,
    code                text   not null,
    ess_establishments  bigint not null,
    ess_employers       bigint not null,
    ess_employees_low   bigint not null,
    ess_employees_high  bigint not null,
    ess_employees_mid   double precision not null,
    all_establishments  bigint not null,
    all_employers       bigint not null,
    all_employees_low   bigint not null,
    all_employees_high  bigint not null,
    all_employees_mid   double precision not null,
    breakdown           jsonb  not null,
    primary key (vintage_id, level, code)
);
