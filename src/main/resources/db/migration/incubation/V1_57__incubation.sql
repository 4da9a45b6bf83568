create schema if not exists incubation;

-- A project selected by an incubator's call, as the calls module announced it (ProjectSelected): the cohort
-- of a call is its selected projects.
create table incubation.member (
    id                  bigint generated always as identity primary key,
    dossier_id          bigint      not null unique,   -- the calls module's dossier
    programme_id        bigint      not null,
    programme_name      text        not null,
    reference           text        not null,
    applicant_id        bigint      not null,
    leader_name         text,
    title               text        not null,
    summary             text,
    commune_code        text,
    email               text,
    phone               text,
    selected_at         timestamptz not null,
    ended_at            timestamptz,
    handed_over_dossier bigint                          -- the aid dossier prepared at the hand-over
);
create index member_programme on incubation.member (programme_id, selected_at);
create index member_applicant on incubation.member (applicant_id);

-- A follow-up meeting and its notes, written by the incubator's team, read by the project leader too.
create table incubation.meeting (
    id         bigint generated always as identity primary key,
    member_id  bigint      not null references incubation.member (id) on delete cascade,
    held_on    date        not null,
    notes      text        not null,
    written_by bigint      not null,
    written_at timestamptz not null
);
create index meeting_member on incubation.meeting (member_id, held_on);

-- A milestone of the project, with its date; reached when the team marks it.
create table incubation.milestone (
    id         bigint generated always as identity primary key,
    member_id  bigint      not null references incubation.member (id) on delete cascade,
    label      text        not null,
    due_on     date        not null,
    reached_on date
);
create index milestone_member on incubation.milestone (member_id, due_on);

-- An indicator's value at a date (jobs created, turnover, people reached…).
create table incubation.indicator (
    id          bigint generated always as identity primary key,
    member_id   bigint        not null references incubation.member (id) on delete cascade,
    name        text          not null,
    value       numeric(14,2) not null,
    measured_on date          not null,
    recorded_by bigint        not null
);
create index indicator_member on incubation.indicator (member_id, name, measured_on);
