-- Publishing becomes its own module with its own schema: the organizers' versions, the moderation
-- log and conversation, the saved refusal reasons and the uploaded images move out of the agenda's.
-- The agenda's events are reached by id only (no foreign key across modules).
create schema if not exists publishing;

create or replace function publishing.fold(text) returns text
    language sql immutable parallel safe strict
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- an event-level line of the log (a cancellation, a postponement) keeps the title and territory it
-- is shown and filtered by, rather than reading them from the agenda's tables
alter table agenda.moderation_log
    add column title            text,
    add column region_code      text,
    add column departement_code text;
update agenda.moderation_log l set title = e.title, region_code = e.region_code, departement_code = e.departement_code
from agenda.event e where e.id = l.event_id and l.submission_id is null;

alter table agenda.submission drop constraint if exists submission_event_id_fkey;
alter table agenda.submission drop constraint if exists submission_edition_id_fkey;
alter table agenda.moderation_log drop constraint if exists moderation_log_event_id_fkey;

alter table agenda.submission set schema publishing;
alter table agenda.moderation_log set schema publishing;
alter table agenda.submission_message set schema publishing;
alter table agenda.refusal_reason set schema publishing;
alter table agenda.image set schema publishing;

drop index if exists publishing.submission_title_trgm_idx;
create index submission_title_trgm_idx on publishing.submission using gin (publishing.fold(title) public.gin_trgm_ops);
