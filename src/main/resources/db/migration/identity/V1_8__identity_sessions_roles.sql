-- Sessions of signed-in people, shared by every instance (Spring Session JDBC's layout, in our schema:
-- spring.session.jdbc.table-name=identity.session).
create table identity.session (
    primary_id            char(36)     not null primary key,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100)
);
create unique index session_id_idx on identity.session (session_id);
create index session_expiry_idx on identity.session (expiry_time);
create index session_principal_idx on identity.session (principal_name);

create table identity.session_attributes (
    session_primary_id char(36)     not null references identity.session (primary_id) on delete cascade,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    primary key (session_primary_id, attribute_name)
);

-- What a person may do beyond organizing: moderate a territory (a region, or départements for a
-- relay) or administer (grant roles). Organizing needs no grant: any verified account may.
create table identity.role_grant (
    id           bigint generated always as identity primary key,
    account_id   bigint      not null references identity.account (id) on delete cascade,
    role         text        not null,
    region_code  text,
    departements text[]      not null default '{}',
    granted_by   bigint references identity.account (id) on delete set null,
    granted_at   timestamptz not null,
    constraint role_grant_role check (role in ('MODERATOR', 'ADMIN')),
    constraint role_grant_scope check (role <> 'MODERATOR' or region_code is not null or cardinality(departements) > 0)
);
create index role_grant_account_idx on identity.role_grant (account_id);

-- Time-based one-time passwords (RFC 6238), required for moderators and admins. The secret is kept
-- until confirmed by a first valid code; last_totp_step refuses a code used twice.
alter table identity.account
    add column totp_secret     text,
    add column totp_enabled_at timestamptz,
    add column last_totp_step  bigint;

-- Failed sign-ins, to slow down guessing: per account and address, per address, per account.
create table identity.login_failure (
    id         bigint generated always as identity primary key,
    email_key  text        not null,
    address    text        not null,
    at         timestamptz not null
);
create index login_failure_email_idx on identity.login_failure (email_key, at);
create index login_failure_address_idx on identity.login_failure (address, at);

-- Browsers where a person has signed in before: they keep signing in when their account is under
-- attack from elsewhere (only a hash of the cookie's value is kept).
create table identity.known_device (
    token_hash text primary key,
    account_id bigint      not null references identity.account (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
create index known_device_account_idx on identity.known_device (account_id);

-- The structures a person acts for (the structures themselves belong to the directory).
create table identity.membership (
    account_id   bigint      not null references identity.account (id) on delete cascade,
    structure_id bigint      not null,
    joined_at    timestamptz not null,
    primary key (account_id, structure_id)
);
create index membership_structure_idx on identity.membership (structure_id);

alter table identity.token drop constraint token_purpose;
alter table identity.token add constraint token_purpose check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD', 'CHANGE_EMAIL'));
alter table identity.token add column new_email text;
