-- Whoever changes an event or its dates (this application, another instance, a script) moves its
-- updated_at, which the search index of every instance reads back to stay in step (docs/search.md).

-- an update of the event that does not set updated_at itself sets it to now
create or replace function agenda.event_touched() returns trigger
    language plpgsql
    as $$
begin
    if new.updated_at = old.updated_at then
        new.updated_at := greatest(old.updated_at, now());
    end if;
    return new;
end
$$;

create trigger event_touched before update on agenda.event
    for each row execute function agenda.event_touched();

-- a date added, moved or removed touches its event
create or replace function agenda.occurrence_touches_event() returns trigger
    language plpgsql
    as $$
begin
    update agenda.event set updated_at = greatest(updated_at, now())
    where id = case when tg_op = 'DELETE' then old.event_id else new.event_id end;
    return null;
end
$$;

create trigger occurrence_touches_event after insert or update or delete on agenda.occurrence
    for each row execute function agenda.occurrence_touches_event();

create index event_updated_idx on agenda.event (updated_at);
