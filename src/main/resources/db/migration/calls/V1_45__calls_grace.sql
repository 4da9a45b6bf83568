-- A grace granted by a programme's manager to one named applicant's draft: it may be submitted after the
-- closing instant, until the grace's own instant. Logged in the draft's audit trail.
create table calls.grace (
    id         bigint generated always as identity primary key,
    dossier_id bigint      not null references calls.dossier (id) on delete cascade,
    until      timestamptz not null,
    reason     text        not null check (length(reason) between 1 and 2000),
    granted_by bigint      not null,
    granted_at timestamptz not null
);
create index grace_dossier on calls.grace (dossier_id, until);

alter table calls.audit drop constraint audit_kind_check;
alter table calls.audit add constraint audit_kind_check
    check (kind in ('MOVE', 'LETTER', 'READ', 'EXPERT', 'ROUTING', 'ANNOTATION', 'MESSAGE', 'GRACE'));
