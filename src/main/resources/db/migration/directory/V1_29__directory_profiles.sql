-- What the members of a verified structure say of it, beside the SIRENE facts: its profile, its logo
-- and photos (re-encoded by Essor), and the history of every change.

-- array_to_string is only STABLE for any array; for text[] it is immutable, as the search vector needs
create or replace function directory.profile_vector(description text, keywords text[])
    returns tsvector
    language sql immutable parallel safe
    as $$
        select setweight(to_tsvector('french', directory.fold(array_to_string(keywords, ' '))), 'B')
            || setweight(to_tsvector('french', directory.fold(coalesce(description, ''))), 'D')
    $$;

create table directory.profile (
    structure_id bigint primary key references directory.structure (id),
    description  text,
    website      text,
    email        text,
    phone        text,
    social       text[]      not null default '{}',
    keywords     text[]      not null default '{}',
    logo_id      uuid,
    updated_at   timestamptz not null,
    updated_by   bigint      not null,
    search       tsvector generated always as (directory.profile_vector(description, keywords)) stored
);
create index profile_search on directory.profile using gin (search);

create table directory.profile_image (
    id           uuid primary key,
    structure_id bigint      not null references directory.structure (id),
    kind         text        not null check (kind in ('LOGO', 'PHOTO')),
    content      bytea       not null,
    width        integer     not null,
    height       integer     not null,
    alt          text,
    created_at   timestamptz not null
);
create index profile_image_structure on directory.profile_image (structure_id, kind, created_at);

create table directory.profile_change (
    id           bigserial primary key,
    structure_id bigint      not null references directory.structure (id),
    account_id   bigint      not null,
    changed_at   timestamptz not null,
    field        text        not null,
    before       text,
    after        text
);
create index profile_change_structure on directory.profile_change (structure_id, changed_at desc, id desc);
