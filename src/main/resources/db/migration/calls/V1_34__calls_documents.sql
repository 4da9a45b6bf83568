-- The document vault: what an applicant joins to dossiers (statutes, accounts, bank details...), kept per
-- structure (shared by its members) or per person (a project leader), reused from one dossier to the next.
create table calls.document (
    id           bigint generated always as identity primary key,
    owner_id     bigint      not null,  -- the account that uploaded it
    structure_id bigint,                -- the structure's vault; none for the person's own
    label        text        not null check (length(label) between 1 and 200),
    filename     text        not null check (length(filename) between 1 and 200),
    media_type   text        not null check (media_type in ('application/pdf', 'image/png', 'image/jpeg')),
    size_bytes   integer     not null check (size_bytes > 0),
    pages        integer,
    sha256       text        not null,
    content      bytea       not null,
    valid_until  date,
    uploaded_at  timestamptz not null default now()
);

create index document_structure on calls.document (structure_id) where structure_id is not null;
create index document_owner on calls.document (owner_id);
