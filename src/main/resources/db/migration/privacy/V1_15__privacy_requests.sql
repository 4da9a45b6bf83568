create schema if not exists privacy;

-- A person's request to see or erase what Essor keeps about their address, proven by a mailed link.
create table privacy.request (
    token_hash text primary key,
    email      text        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    erased_at  timestamptz
);
