-- The kind of each mail (its template), so that the mails a stranger can trigger are counted per
-- recipient and kind: a recipient receives only a few of each per hour, whoever asks.
alter table notification.outbox add column kind text;
create index outbox_recipient_kind_idx on notification.outbox (lower(recipient), kind, created_at) where kind is not null;
