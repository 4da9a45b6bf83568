create schema if not exists directory;

-- An ESS structure as it presents itself on Essor (the SIRENE-based directory will join on the SIRET).
create table directory.structure (
    id           bigint generated always as identity primary key,
    name         text        not null,
    siret        text        not null unique,
    siren        text        not null,
    legal_family text        not null,
    commune_code text        not null,
    website      text,
    created_at   timestamptz not null,
    constraint structure_siret check (siret ~ '^[0-9]{14}$'),
    constraint structure_family check (legal_family in
        ('ASSOCIATION', 'COOPERATIVE', 'MUTUELLE', 'FONDATION', 'ESS_COMPANY', 'OTHER'))
);
create index structure_siren_idx on directory.structure (siren);
