create schema if not exists agenda;

-- unaccent() is only STABLE; this wrapper pins the dictionary so that it can be used in indexes.
create or replace function agenda.fold(text) returns text
    language sql immutable parallel safe strict
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

create or replace function agenda.search_vector(title text, summary text, description text, organizer text,
                                                place text)
    returns tsvector
    language sql immutable parallel safe
    as $$
        select setweight(to_tsvector('french', agenda.fold(coalesce(title, ''))), 'A')
            || setweight(to_tsvector('french', agenda.fold(coalesce(summary, ''))), 'B')
            || setweight(to_tsvector('french', agenda.fold(coalesce(organizer, '') || ' ' || coalesce(place, ''))), 'C')
            || setweight(to_tsvector('french', agenda.fold(coalesce(description, ''))), 'D')
    $$;

-- A yearly Mois de l'ESS.
create table agenda.edition (
    id                bigint generated always as identity primary key,
    year              integer not null unique,
    number            integer not null,
    title             text    not null,
    starts_on         date    not null,
    ends_on           date    not null,
    submission_opens  date,
    submission_closes date,
    regions           text[]  not null default '{}',
    demo              boolean not null default false,
    constraint edition_dates check (ends_on >= starts_on)
);

create table agenda.event (
    id                bigint generated always as identity primary key,
    edition_id        bigint  not null references agenda.edition (id),
    title             text    not null,
    summary           text    not null,
    description       text    not null default '',
    type              text    not null,
    themes            text[]  not null default '{}',
    audiences         text[]  not null default '{}',
    venue_name        text,
    venue_address     text,
    postcode          text,
    commune_code      text,
    commune_name      text,
    departement_code  text,
    region_code       text,
    latitude          double precision,
    longitude         double precision,
    attendance        text    not null,
    online_url        text,
    free              boolean not null,
    price             text,
    registration      text    not null default 'NONE',
    registration_url  text,
    wheelchair        boolean not null default false,
    sign_language     boolean not null default false,
    subtitles         boolean not null default false,
    audio_description boolean not null default false,
    easy_read         boolean not null default false,
    organizer         text    not null,
    co_organizers     text[]  not null default '{}',
    status            text    not null default 'SCHEDULED',
    status_reason     text,
    image_url         text,
    image_alt         text,
    demo              boolean not null default false,
    sequence          integer not null default 0,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    first_start       timestamptz,
    last_end          timestamptz,
    accessible        boolean generated always as
        (wheelchair or sign_language or subtitles or audio_description or easy_read) stored,
    search            tsvector generated always as
        (agenda.search_vector(title, summary, description, organizer, coalesce(venue_name, '') || ' ' || coalesce(commune_name, ''))) stored,
    constraint event_attendance check (attendance in ('IN_PERSON', 'ONLINE', 'HYBRID')),
    constraint event_status check (status in ('SCHEDULED', 'CANCELLED', 'POSTPONED', 'FULL')),
    constraint event_registration check (registration in ('NONE', 'EXTERNAL')),
    constraint event_image_alt check (image_url is null or image_alt is not null)
);
create index event_edition_idx on agenda.event (edition_id, first_start);
create index event_first_start_idx on agenda.event (first_start, id);
create index event_departement_idx on agenda.event (departement_code, first_start);
create index event_region_idx on agenda.event (region_code, first_start);
create index event_commune_idx on agenda.event (commune_code);
create index event_search_idx on agenda.event using gin (search);
create index event_themes_idx on agenda.event using gin (themes);
create index event_audiences_idx on agenda.event using gin (audiences);
create index event_location_idx on agenda.event using gist (public.ll_to_earth(latitude, longitude))
    where latitude is not null and longitude is not null;

-- The dates of an event (one or several), as instants; shown in Europe/Paris.
create table agenda.occurrence (
    id        bigint generated always as identity primary key,
    event_id  bigint      not null references agenda.event (id) on delete cascade,
    starts_at timestamptz not null,
    ends_at   timestamptz not null,
    constraint occurrence_dates check (ends_at >= starts_at)
);
create index occurrence_event_idx on agenda.occurrence (event_id, starts_at);
create index occurrence_range_idx on agenda.occurrence (starts_at, ends_at);

-- Every change of an event that calendars must see raises its SEQUENCE (RFC 5545 § 3.8.7.4).
create or replace function agenda.bump_sequence() returns trigger language plpgsql as $$
begin
    if (new.title, new.summary, new.description, new.venue_name, new.venue_address, new.commune_code,
        new.status, new.status_reason, new.first_start, new.last_end, new.online_url, new.attendance)
       is distinct from
       (old.title, old.summary, old.description, old.venue_name, old.venue_address, old.commune_code,
        old.status, old.status_reason, old.first_start, old.last_end, old.online_url, old.attendance) then
        new.sequence := old.sequence + 1;
    end if;
    return new;
end $$;
create trigger event_sequence before update on agenda.event
    for each row execute function agenda.bump_sequence();
