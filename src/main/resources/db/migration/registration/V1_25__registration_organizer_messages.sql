-- A person may stop the organizer's messages from their private link (the mails about their
-- registration itself still go). Each message an organizer sends is counted per structure, for the
-- daily quota.
alter table registration.registration add column messages_opt_out_at timestamptz;

create table registration.organizer_message (
    id            bigint generated always as identity primary key,
    structure_id  bigint      not null,
    occurrence_id bigint      not null,
    recipients    integer     not null,
    sent_at       timestamptz not null
);
create index organizer_message_structure_idx on registration.organizer_message (structure_id, sent_at);
