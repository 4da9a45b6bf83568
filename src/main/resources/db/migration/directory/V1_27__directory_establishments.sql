-- The directory's copy of the establishments of the ESS perimeter, one partition per vintage of the
-- SIRENE stock files, loaded when the observatory publishes the vintage (in the same transaction).

-- unaccent() is only STABLE; this wrapper pins the dictionary so that it can be used in indexes.
create or replace function directory.fold(text) returns text
    language sql immutable parallel safe strict
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

create or replace function directory.search_vector(name text, usual_name text, sign text, acronym text, place text)
    returns tsvector
    language sql immutable parallel safe
    as $$
        select setweight(to_tsvector('french', directory.fold(coalesce(name, ''))), 'A')
            || setweight(to_tsvector('french', directory.fold(
                   coalesce(usual_name, '') || ' ' || coalesce(sign, '') || ' ' || coalesce(acronym, ''))), 'B')
            || setweight(to_tsvector('french', directory.fold(coalesce(place, ''))), 'C')
    $$;

create table directory.vintage (
    id             bigint primary key,           -- the observatory's vintage
    month          text        not null,
    demo           boolean     not null,
    state          text        not null check (state in ('PUBLISHED', 'REPLACED')),
    establishments bigint      not null,
    published_at   timestamptz not null default now(),
    replaced_at    timestamptz
);

create table directory.establishment (
    vintage_id          bigint  not null,
    siret               text    not null,
    siren               text    not null,
    name                text    not null,
    usual_name          text,
    sign                text,
    acronym             text,
    categorie_juridique text,
    family              text    not null,
    naf                 text,
    section             text    not null,
    size_band           text    not null,
    head_office         boolean,
    created_on          date,
    unit_created_on     date,
    rna                 text,
    ess_flag            boolean,
    mission             boolean,
    diffusible          boolean not null,
    street              text,
    complement          text,
    postcode            text,
    city                text,
    commune_code        text,
    commune             text,
    epci                text,
    departement         text,
    region              text,
    latitude            double precision,
    longitude           double precision,
    position_source     text,
    search              tsvector generated always as (directory.search_vector(
                            name, usual_name, sign, acronym, city)) stored,
    primary key (vintage_id, siret)
) partition by list (vintage_id);

create index establishment_search on directory.establishment using gin (search);
create index establishment_departement on directory.establishment (vintage_id, departement);
create index establishment_commune on directory.establishment (vintage_id, commune);
create index establishment_epci on directory.establishment (vintage_id, epci);
create index establishment_siren on directory.establishment (vintage_id, siren);

-- the activities' labels, searched with the names
create table directory.activity (
    code   text primary key,
    label  text not null,
    search tsvector generated always as (to_tsvector('french', directory.fold(label))) stored
);
create index activity_search on directory.activity using gin (search);
