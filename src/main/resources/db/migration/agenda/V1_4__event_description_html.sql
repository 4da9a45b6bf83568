-- The sanitised HTML of the Markdown description, rendered once when the event is written rather than
-- at every read (a list of 20 events spent milliseconds rendering it).
alter table agenda.event add column description_html text not null default '';
create index event_last_end_idx on agenda.event (last_end);
