-- The letters Essor issues about dossiers (acknowledgments of receipt, decisions): numbered, with a code
-- that their QR code carries to the public verification page, and the SHA-256 of what they state.
create table calls.letter (
    id             bigint generated always as identity primary key,
    dossier_id     bigint      not null references calls.dossier (id),
    kind           text        not null check (kind in ('ACKNOWLEDGMENT', 'DECISION')),
    number         text        not null unique,
    code           text        not null unique check (code ~ '^[A-Z2-7]{16}$'),
    statement      json        not null,  -- what the letter states, as it was issued (its text kept as written)
    content_sha256 text        not null,
    issued_at      timestamptz not null
);

create index letter_dossier on calls.letter (dossier_id);
create sequence calls.letter_number;
