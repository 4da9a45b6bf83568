-- An invitation to act for a structure, sent by one of its members to an address. Whoever opens the
-- link, signed in, joins: the link is the proof, and the inviter never learns whether the address
-- has an account. Only a hash of the token is kept.
create table identity.membership_invitation (
    token_hash   text primary key,
    structure_id bigint      not null,
    email        text        not null,
    invited_by   bigint      not null references identity.account (id) on delete cascade,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    accepted_by  bigint references identity.account (id) on delete set null,
    accepted_at  timestamptz
);
create index membership_invitation_structure_idx on identity.membership_invitation (structure_id);
