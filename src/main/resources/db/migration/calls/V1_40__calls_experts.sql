-- Expert opinions: an instructor invites an address to give a reasoned opinion on one dossier, with a
-- question and a due date. The link's token is kept hashed; the first signed-in person of that address
-- who opens it becomes the expert, who sees that dossier only, until the opinion is given or the
-- invitation revoked.
create table calls.expert (
    id          bigint generated always as identity primary key,
    dossier_id  bigint      not null references calls.dossier (id),
    email       text        not null,
    question    text        not null,
    due_on      date        not null,
    token_hash  text        not null unique,
    invited_by  bigint      not null,
    invited_at  timestamptz not null,
    account_id  bigint,                 -- the identity module's account, once the link is opened
    opened_at   timestamptz,
    verdict     text        check (verdict in ('FAVOURABLE', 'RESERVED', 'UNFAVOURABLE')),
    opinion     text,
    given_at    timestamptz,
    revoked_at  timestamptz,
    revoked_by  bigint,
    reminders   integer     not null default 0,
    reminded_at timestamptz,
    check ((verdict is null) = (given_at is null) and (opinion is null) = (given_at is null))
);

-- one open invitation per address and dossier
create unique index expert_one_open on calls.expert (dossier_id, lower(email)) where revoked_at is null;
create index expert_dossier on calls.expert (dossier_id, id);
create index expert_account on calls.expert (account_id) where account_id is not null;
-- the reminders' scan: opinions still awaited
create index expert_awaited on calls.expert (due_on) where given_at is null and revoked_at is null;

-- the trail also records invitations, revocations and opinions
alter table calls.audit drop constraint audit_kind_check;
alter table calls.audit add constraint audit_kind_check check (kind in ('MOVE', 'LETTER', 'READ', 'EXPERT'));
