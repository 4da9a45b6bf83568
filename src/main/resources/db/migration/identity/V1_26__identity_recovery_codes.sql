-- Single-use recovery codes of the second factor (only their hashes), the first way back when an
-- authenticator is lost. The second-factor secrets themselves are now sealed by the application
-- (identity.SecretBox) under a key kept outside the database.
create table identity.recovery_code (
    account_id bigint not null references identity.account (id) on delete cascade,
    code_hash  text   not null,
    used_at    timestamptz,
    primary key (account_id, code_hash)
);
