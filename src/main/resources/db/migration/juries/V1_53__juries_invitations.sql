-- A seat on a category's jury offered to an address without an account yet: the link mailed to it (kept
-- as its SHA-256) seats the first signed-in person of that address who opens it, within 14 days.
create table juries.invitation (
    id          bigint generated always as identity primary key,
    category_id bigint      not null references juries.category (id) on delete cascade,
    email       text        not null,
    token_hash  text        not null unique,
    invited_by  bigint      not null,
    expires_at  timestamptz not null,
    accepted_at timestamptz
);
