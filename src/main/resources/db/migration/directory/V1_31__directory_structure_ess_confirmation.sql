-- A verified structure that SIRENE's files do not flag as ESS (an approved commercial ESS company, a
-- recent structure) enters the directory's searches and maps once a moderator of its territory
-- confirms that it belongs to the ESS.
alter table directory.structure add column ess_confirmed_at timestamptz;
alter table directory.structure add column ess_confirmed_by bigint;
create index structure_ess_confirmed on directory.structure (id) where ess_confirmed_at is not null;
