-- Blind review: the answers a category hides from its jurors (their keys), everywhere they read dossiers.
alter table juries.category add column hidden_keys text[] not null default '{}';

-- The embargo: the instant the jury's decisions become public (the ceremony); nothing of them before.
alter table juries.category add column release_at timestamptz;

-- The jury's decision, recorded by its president: a prize or a mention, with its motivation.
create table juries.award (
    category_id bigint      not null references juries.category (id) on delete cascade,
    dossier_id  bigint      not null,
    kind        text        not null check (kind in ('PRIZE', 'MENTION')),
    motivation  text        not null check (length(motivation) between 1 and 2000),
    decided_by  bigint      not null,
    decided_at  timestamptz not null,
    primary key (category_id, dossier_id)
);
