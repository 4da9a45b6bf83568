-- Private annotations: typed fields a programme defines for its staff only (kept as a list of form
-- fields), their values per dossier; a required one left empty blocks the decision.
alter table calls.programme add column annotations jsonb not null default '[]';

create table calls.annotation (
    dossier_id bigint      not null references calls.dossier (id),
    key        text        not null,
    value      jsonb       not null,
    updated_by bigint      not null,
    updated_at timestamptz not null,
    primary key (dossier_id, key)
);

-- The message thread of a dossier between its applicant and the staff, each message with at most one
-- document (from the applicant's vault, or joined by the staff).
create table calls.message (
    id          bigint generated always as identity primary key,
    dossier_id  bigint      not null references calls.dossier (id),
    author_id   bigint      not null,   -- the identity module's account
    from_staff  boolean     not null,
    body        text        not null check (length(body) between 1 and 5000),
    document_id bigint      references calls.document (id),
    at          timestamptz not null
);
create index message_dossier on calls.message (dossier_id, id);

alter table calls.audit drop constraint audit_kind_check;
alter table calls.audit add constraint audit_kind_check
    check (kind in ('MOVE', 'LETTER', 'READ', 'EXPERT', 'ROUTING', 'ANNOTATION', 'MESSAGE'));
