-- The eligibility rules' results at a submission or a decision, as they were then.
alter table calls.dossier_transition add column eligibility jsonb;
