-- The staff of a programme: its managers, its instructors and the persons who sign its decisions.
create table calls.staff (
    programme_id bigint      not null references calls.programme (id) on delete cascade,
    account_id   bigint      not null,  -- the identity module's account
    role         text        not null check (role in ('MANAGER', 'INSTRUCTOR', 'SIGNER')),
    granted_by   bigint      not null,
    granted_at   timestamptz not null default now(),
    primary key (programme_id, account_id, role)
);

create index staff_account on calls.staff (account_id);

-- The decision of a dossier, as the transition that made it recorded it, with what the decision needs.
alter table calls.dossier add column decision_cents bigint check (decision_cents >= 0);
