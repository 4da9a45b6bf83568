create schema if not exists notification;

-- Mails to send, written in the same transaction as the change they tell about, so that none is lost
-- when the SMTP server is down or the application stops; delivered and retried by OutboxDelivery.
create table notification.outbox (
    id              bigint generated always as identity primary key,
    recipient       text        not null,
    subject         text        not null,
    body            text        not null,
    status          text        not null default 'PENDING',
    attempts        integer     not null default 0,
    created_at      timestamptz not null,
    next_attempt_at timestamptz not null,
    sent_at         timestamptz,
    last_error      text,
    local_only      boolean     not null default false,
    constraint outbox_status check (status in ('PENDING', 'SENT', 'FAILED'))
);
create index outbox_due_idx on notification.outbox (next_attempt_at) where status = 'PENDING';
