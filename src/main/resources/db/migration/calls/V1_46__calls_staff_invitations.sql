-- A role on a programme offered to an address that has no account yet: the link mailed to it, kept as
-- its SHA-256, gives the role to the first signed-in person of that address who opens it, within 14 days.
create table calls.staff_invitation (
    id           bigint generated always as identity primary key,
    programme_id bigint      not null references calls.programme (id),
    email        text        not null,
    role         text        not null check (role in ('INSTRUCTOR', 'SIGNER', 'MANAGER')),
    token_hash   text        not null unique,
    invited_by   bigint      not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    accepted_at  timestamptz,
    accepted_by  bigint
);
create index staff_invitation_programme on calls.staff_invitation (programme_id);
