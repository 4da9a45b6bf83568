create schema if not exists identity;

create table identity.account (
    id                bigint generated always as identity primary key,
    email             text        not null,
    password_hash     text        not null,
    display_name      text        not null,
    email_verified_at timestamptz,
    disabled          boolean     not null default false,
    created_at        timestamptz not null
);
create unique index account_email_idx on identity.account (lower(email));

-- Single-use links sent by mail (address verification, password reset); only a hash of the token is
-- kept, so that a copy of the database gives no usable link.
create table identity.token (
    token_hash text primary key,
    account_id bigint      not null references identity.account (id) on delete cascade,
    purpose    text        not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    constraint token_purpose check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD'))
);
create index token_account_idx on identity.token (account_id);
