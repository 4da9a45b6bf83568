-- What survives the purge of a past date's registrations: its counts, without anybody's name.
alter table registration.slot
    add column purged_at        timestamptz,
    add column purged_confirmed integer,
    add column purged_seats     integer,
    add column purged_present   integer,
    add column purged_cancelled integer,
    add column purged_waitlist  integer;
