-- The audit trail of each dossier: every move, letter and staff read, appended, each entry carrying the
-- SHA-256 of the previous one and of itself, so that an entry changed or removed breaks the chain.
create table calls.audit (
    id         bigint generated always as identity primary key,
    dossier_id bigint      not null references calls.dossier (id),
    at         timestamptz not null,
    actor_id   bigint      not null,
    kind       text        not null check (kind in ('MOVE', 'LETTER', 'READ')),
    detail     text        not null,
    prev_hash  text        not null,
    hash       text        not null unique
);

create index audit_dossier on calls.audit (dossier_id, id);

-- the trail only grows
create function calls.audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'calls.audit is append-only';
end $$;
create trigger audit_append_only before update or delete on calls.audit
    for each row execute function calls.audit_append_only();
