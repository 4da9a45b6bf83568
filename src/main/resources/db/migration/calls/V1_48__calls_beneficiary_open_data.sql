-- What the open data and the de minimis total need of a dossier's beneficiary, kept at submission from
-- the directory (its structure's name, SIRET and SIREN): a copy, so that the public file and the sums read
-- the calls' own tables.
alter table calls.dossier add column beneficiary_name text;
alter table calls.dossier add column beneficiary_siret text check (beneficiary_siret ~ '^\d{14}$');
alter table calls.dossier add column beneficiary_siren text check (beneficiary_siren ~ '^\d{9}$');
create index dossier_siren_decided on calls.dossier (beneficiary_siren, decided_at) where state = 'ACCEPTED';

-- The SIRET of who awards a call's aids (the Region, an incubator): the open data's « idAttribuant ».
alter table calls.programme add column owner_siret text check (owner_siret ~ '^\d{14}$');
