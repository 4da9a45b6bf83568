create schema if not exists territory;

-- unaccent() is only STABLE; this wrapper pins the dictionary so that it can be used in indexes.
create or replace function territory.fold(text) returns text
    language sql immutable parallel safe strict
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

create table territory.region (
    code text primary key,
    name text not null
);

create table territory.departement (
    code   text primary key,
    region text not null references territory.region (code),
    name   text not null
);

create table territory.epci (
    code   text primary key,
    name   text not null,
    nature text
);

create table territory.commune (
    code        text primary key,
    name        text not null,
    departement text not null references territory.departement (code),
    region      text not null references territory.region (code),
    epci        text references territory.epci (code),
    population  integer,
    latitude    double precision,
    longitude   double precision,
    postcodes   text[] not null default '{}',
    folded_name text generated always as (territory.fold(name)) stored
);
create index commune_folded_name_idx on territory.commune (folded_name text_pattern_ops);
create index commune_departement_idx on territory.commune (departement);
create index commune_epci_idx on territory.commune (epci);
create index commune_postcodes_idx on territory.commune using gin (postcodes);

-- municipal arrondissements of Paris, Lyon and Marseille, which SIRENE and La Poste may use
create table territory.arrondissement (
    code    text primary key,
    commune text not null references territory.commune (code),
    name    text not null
);
