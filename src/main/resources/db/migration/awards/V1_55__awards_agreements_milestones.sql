-- The agreement (convention) of an award, signed online by the beneficiary; where the award stands: active,
-- lapsed when a milestone was missed past its notice, or closed when its last payment was validated.
alter table awards.award
    add column agreement_signed_at timestamptz,
    add column agreement_signed_by bigint,
    add column state text not null default 'ACTIVE' check (state in ('ACTIVE', 'LAPSED', 'CLOSED')),
    add column lapsed_at timestamptz;

-- A tranche's milestone: its due date, the notice sent when it passed, the date after which the award lapses;
-- the evidence's document (in the calls' vault); a tranche cancelled when its award lapsed.
alter table awards.tranche
    add column notice_sent_at timestamptz,
    add column lapses_on date,
    add column evidence_document_id bigint,
    drop constraint tranche_state_check,
    add constraint tranche_state_check check (state in ('PLANNED', 'REQUESTED', 'CHECKED', 'VALIDATED', 'CANCELLED'));

create index tranche_due on awards.tranche (due_on) where state = 'PLANNED';

-- An amount paid beyond what is due (a lapsed award's advance, expenses not justified), recorded for its
-- recovery by the call's staff; the finance export carries it as a negative line.
create table awards.recovery (
    id           bigint generated always as identity primary key,
    award_id     bigint      not null references awards.award (id) on delete cascade,
    amount_cents bigint      not null check (amount_cents > 0),
    reason       text        not null,
    recorded_by  bigint      not null,
    recorded_at  timestamptz not null
);
create index recovery_award on awards.recovery (award_id);

-- the awards created before the schedule had dates: the advance three months, the balance eighteen after
update awards.tranche t set due_on = (a.decided_at at time zone 'Europe/Paris')::date
        + case when t.position = 1 then interval '3 months' else interval '18 months' end
    from awards.award a where a.id = t.award_id and t.due_on is null;
