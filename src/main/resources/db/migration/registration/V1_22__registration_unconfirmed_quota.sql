-- Seats held by registrations waiting for their address to be confirmed, per date: bounded, so that
-- a script typing addresses it never confirms cannot empty an event (see Registrations).
alter table registration.slot add column held integer not null default 0;
alter table registration.slot add constraint slot_held check (held >= 0);

update registration.slot s set held = coalesce((
    select sum(r.seats) from registration.registration r
    where r.occurrence_id = s.occurrence_id and r.status = 'PENDING_CONFIRMATION'), 0);
