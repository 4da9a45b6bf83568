-- Events may take their registrations on Essor (the registration module counts the seats).
alter table agenda.event drop constraint event_registration;
alter table agenda.event add constraint event_registration check (registration in ('NONE', 'EXTERNAL', 'ESSOR'));
