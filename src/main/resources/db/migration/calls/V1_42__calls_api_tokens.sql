-- Personal API tokens of the calls' staff: shown once, kept as their SHA-256, scoped to some of the
-- programmes the person works on (and usable only while they still do), revocable, expiring.
create table calls.api_token (
    id            bigint generated always as identity primary key,
    account_id    bigint      not null,   -- the identity module's account
    name          text        not null check (length(name) between 1 and 80),
    token_hash    text        not null unique,
    prefix        text        not null,   -- the first characters, to recognise it in the list
    programme_ids bigint[]    not null check (cardinality(programme_ids) between 1 and 200),
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);

create index api_token_account on calls.api_token (account_id);
