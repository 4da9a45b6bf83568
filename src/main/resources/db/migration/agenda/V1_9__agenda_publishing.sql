-- Events published by structures: the public event belongs to a structure (the directory's id).
alter table agenda.event add column structure_id bigint;
create index event_structure_idx on agenda.event (structure_id) where structure_id is not null;

-- A version of an event as its organizer writes it, moderated before it becomes (or changes) the
-- public event. The content is the form as typed (JSON); the columns beside it serve the queues.
create table agenda.submission (
    id               bigint generated always as identity primary key,
    event_id         bigint references agenda.event (id) on delete cascade,
    structure_id     bigint,
    edition_id       bigint      not null references agenda.edition (id),
    state            text        not null default 'DRAFT',
    content          jsonb       not null,
    title            text        not null,
    first_start      timestamptz not null,
    commune_code     text,
    departement_code text,
    region_code      text,
    imported         boolean     not null default false,
    created_by       bigint      not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    submitted_at     timestamptz,
    decided_at       timestamptz,
    constraint submission_state check (state in ('DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED', 'APPROVED', 'REFUSED', 'WITHDRAWN'))
);
-- one version in progress per public event
create unique index submission_open_idx on agenda.submission (event_id)
    where event_id is not null and state in ('DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED');
create index submission_queue_idx on agenda.submission (state, submitted_at);
create index submission_structure_idx on agenda.submission (structure_id, updated_at);
create index submission_title_trgm_idx on agenda.submission using gin (agenda.fold(title) public.gin_trgm_ops);
create index event_title_trgm_idx on agenda.event using gin (agenda.fold(title) public.gin_trgm_ops);

-- Every move of the workflow, and every cancellation or postponement: who, what, when, why.
create table agenda.moderation_log (
    id            bigint generated always as identity primary key,
    submission_id bigint references agenda.submission (id) on delete cascade,
    event_id      bigint references agenda.event (id) on delete cascade,
    action        text        not null,
    from_state    text,
    to_state      text,
    role          text        not null,
    actor_id      bigint      not null,
    actor_name    text        not null,
    message       text,
    at            timestamptz not null
);
create index moderation_log_submission_idx on agenda.moderation_log (submission_id, at);
create index moderation_log_event_idx on agenda.moderation_log (event_id, at);

-- The conversation between an organizer and the moderators about a version.
create table agenda.submission_message (
    id            bigint generated always as identity primary key,
    submission_id bigint      not null references agenda.submission (id) on delete cascade,
    author_id     bigint      not null,
    author_name   text        not null,
    role          text        not null,
    body          text        not null,
    at            timestamptz not null
);
create index submission_message_idx on agenda.submission_message (submission_id, at);

-- Reasons a moderator picks from when refusing.
create table agenda.refusal_reason (
    id       bigint generated always as identity primary key,
    label    text    not null unique,
    position integer not null
);
insert into agenda.refusal_reason (label, position) values
    ('L’événement ne relève pas de l’économie sociale et solidaire.', 1),
    ('L’événement a lieu en dehors des dates du Mois de l’ESS.', 2),
    ('L’événement est une opération commerciale ou de promotion d’un produit.', 3),
    ('L’événement est déjà publié dans l’agenda (doublon).', 4),
    ('Les informations sont insuffisantes pour que le public puisse y participer.', 5);

-- Images uploaded by organizers, re-encoded; kept in the database so that every instance serves them.
create table agenda.image (
    id         uuid primary key,
    content    bytea       not null,
    media_type text        not null,
    width      integer     not null,
    height     integer     not null,
    created_by bigint      not null,
    created_at timestamptz not null
);
