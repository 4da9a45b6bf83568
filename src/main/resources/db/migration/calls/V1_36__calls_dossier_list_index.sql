-- The instructors' list: a programme's submitted dossiers by submission, reference or last change.
create index dossier_programme_submitted on calls.dossier (programme_id, submitted_at, id) where state <> 'DRAFT';
create index dossier_programme_updated on calls.dossier (programme_id, updated_at, id) where state <> 'DRAFT';
