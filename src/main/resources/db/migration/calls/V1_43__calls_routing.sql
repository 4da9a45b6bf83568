-- Instructor groups of a programme: a dossier is routed at submission to the first group (by position)
-- whose rule holds on its answers and its applicant's registry facts (a group without rule takes every
-- dossier that reaches it). An instructor who belongs to groups of a programme sees only their dossiers;
-- one who belongs to none, the signers and the managers see them all.
create table calls.instructor_group (
    id           bigint generated always as identity primary key,
    programme_id bigint      not null references calls.programme (id),
    name         text        not null check (length(name) between 1 and 120),
    rule         text        check (length(rule) between 1 and 500),
    position     integer     not null,
    created_at   timestamptz not null default now(),
    unique (programme_id, name)
);

create table calls.group_member (
    group_id   bigint not null references calls.instructor_group (id) on delete cascade,
    account_id bigint not null,   -- the identity module's account
    primary key (group_id, account_id)
);
create index group_member_account on calls.group_member (account_id);

alter table calls.dossier add column group_id bigint references calls.instructor_group (id) on delete set null;
create index dossier_programme_group on calls.dossier (programme_id, group_id) where state <> 'DRAFT';

-- the trail also records routings and reassignments
alter table calls.audit drop constraint audit_kind_check;
alter table calls.audit add constraint audit_kind_check
    check (kind in ('MOVE', 'LETTER', 'READ', 'EXPERT', 'ROUTING'));
