create schema if not exists juries;

-- A jury's category of a call: its dossiers are those whose answer « categorie » is the category's value
-- (all the call's dossiers when it has none); each dossier is reviewed by reviews_per_dossier jurors. The
-- grid is frozen when scoring opens.
create table juries.category (
    id                  bigint generated always as identity primary key,
    programme_id        bigint      not null,   -- the calls module's programme
    name                text        not null check (length(name) between 1 and 120),
    answer_value        text,
    reviews_per_dossier integer     not null check (reviews_per_dossier between 1 and 20),
    president_id        bigint,                 -- the identity module's account
    scoring_opened_at   timestamptz,
    unique (programme_id, name)
);

-- The weighted criteria of a category's grid, each on its declared scale.
create table juries.criterion (
    id          bigint generated always as identity primary key,
    category_id bigint  not null references juries.category (id) on delete cascade,
    label       text    not null check (length(label) between 1 and 200),
    weight      numeric not null check (weight > 0 and weight <= 100),
    scale_min   integer not null,
    scale_max   integer not null,
    position    integer not null,
    check (scale_min < scale_max)
);

create table juries.juror (
    category_id bigint not null references juries.category (id) on delete cascade,
    account_id  bigint not null,
    primary key (category_id, account_id)
);

-- A juror's conflict of interest on a dossier: declared by the juror, or detected by Essor (a member of
-- the applicant structure, or of a structure with the same SIREN).
create table juries.conflict (
    category_id bigint      not null references juries.category (id) on delete cascade,
    dossier_id  bigint      not null,   -- the calls module's dossier
    account_id  bigint      not null,
    kind        text        not null check (kind in ('DECLARED', 'DETECTED')),
    reason      text        not null,
    at          timestamptz not null,
    primary key (category_id, dossier_id, account_id)
);

create table juries.assignment (
    category_id bigint not null references juries.category (id) on delete cascade,
    dossier_id  bigint not null,
    account_id  bigint not null,
    primary key (category_id, dossier_id, account_id)
);
create index assignment_juror on juries.assignment (account_id);

-- A juror's score of a dossier on one criterion; a comment is required at the scale's extremes.
create table juries.score (
    category_id  bigint      not null references juries.category (id) on delete cascade,
    dossier_id   bigint      not null,
    account_id   bigint      not null,
    criterion_id bigint      not null references juries.criterion (id) on delete cascade,
    value        integer     not null,
    comment      text,
    at           timestamptz not null,
    primary key (dossier_id, account_id, criterion_id)
);
