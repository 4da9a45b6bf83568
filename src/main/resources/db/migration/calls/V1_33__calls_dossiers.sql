-- Whether a decision of the programme needs a second person's confirmation.
alter table calls.programme add column four_eyes boolean not null default false;

-- A dossier: one applicant's application to a programme, on the form version it was started on.
create table calls.dossier (
    id           bigint generated always as identity primary key,
    programme_id bigint      not null,
    form_version integer     not null,
    applicant_id bigint      not null,  -- the identity module's account
    structure_id bigint,                -- the directory's structure it applies for; none for a project leader
    state        text        not null check (state in ('DRAFT', 'SUBMITTED', 'UNDER_INSTRUCTION',
                     'CORRECTIONS_REQUESTED', 'PROPOSED', 'ACCEPTED', 'REFUSED', 'CLOSED')),
    answers      jsonb       not null default '{}',
    -- given at submission, shown on the acknowledgment: PASS-OCCITANIE-2026-000042
    reference    text        unique,
    proposal     text        check (proposal in ('PROPOSE_ACCEPTANCE', 'PROPOSE_REFUSAL')),
    proposed_by  bigint,
    submitted_at timestamptz,
    decided_at   timestamptz,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    -- every change adds one: an action on a stale page is refused
    revision     integer     not null default 0,
    foreign key (programme_id, form_version) references calls.form_version (programme_id, version),
    check ((state = 'PROPOSED') = (proposal is not null))
);

-- one draft at a time per applicant, structure and programme
create unique index dossier_one_draft on calls.dossier (programme_id, applicant_id, coalesce(structure_id, 0))
    where state = 'DRAFT';
create index dossier_programme_state on calls.dossier (programme_id, state);
create index dossier_applicant on calls.dossier (applicant_id);

-- Every move of a dossier, appended.
create table calls.dossier_transition (
    id         bigint generated always as identity primary key,
    dossier_id bigint      not null references calls.dossier (id),
    from_state text        not null,
    to_state   text        not null,
    action     text        not null,
    role       text        not null,
    actor_id   bigint      not null,
    reason     text,
    at         timestamptz not null
);

create index dossier_transition_dossier on calls.dossier_transition (dossier_id, id);
