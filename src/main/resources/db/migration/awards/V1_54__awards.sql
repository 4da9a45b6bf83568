create schema if not exists awards;

-- An aid granted, as the calls module announced it (AidAccepted): the award keeps its own copy.
create table awards.award (
    id                bigint generated always as identity primary key,
    dossier_id        bigint      not null unique,   -- the calls module's dossier
    programme_id      bigint      not null,
    programme_name    text        not null,
    reference         text        not null,
    applicant_id      bigint      not null,
    beneficiary_name  text,
    beneficiary_siret text,
    amount_cents      bigint      not null check (amount_cents > 0),
    decided_at        timestamptz not null,
    letter_number     text        not null,
    created_at        timestamptz not null
);

-- Its payment schedule: the advance, tranches tied to milestones, the balance on the final report; a
-- payment is requested (with its evidence), checked by an instructor, then validated by the finance.
create table awards.tranche (
    id           bigint generated always as identity primary key,
    award_id     bigint      not null references awards.award (id) on delete cascade,
    position     integer     not null,
    label        text        not null,
    amount_cents bigint      not null check (amount_cents > 0),
    milestone    text        not null,
    due_on       date,
    state        text        not null default 'PLANNED'
                 check (state in ('PLANNED', 'REQUESTED', 'CHECKED', 'VALIDATED')),
    evidence     text,
    requested_at timestamptz,
    checked_by   bigint,
    checked_at   timestamptz,
    validated_by bigint,
    validated_at timestamptz,
    unique (award_id, position),
    check (validated_by is null or checked_by is null or validated_by <> checked_by)
);
