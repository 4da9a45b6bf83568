-- The audit trail only grows, except when the retention purge deletes a dossier past its programme's
-- retention period with everything it holds: that transaction says so with essor.calls_purge = 'on'.
create or replace function calls.audit_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and current_setting('essor.calls_purge', true) = 'on' then
        return old;
    end if;
    raise exception 'calls.audit is append-only';
end $$;
