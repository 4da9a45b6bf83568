-- A request for corrections reopens only the fields the instructor flags (their keys), until a reply
-- deadline (a day, in Paris); both are cleared when the applicant answers or the dossier moves on.
alter table calls.dossier add column reopened text[];
alter table calls.dossier add column corrections_due date;
alter table calls.dossier add constraint dossier_reopened_only_in_corrections
    check (state = 'CORRECTIONS_REQUESTED' or (reopened is null and corrections_due is null));
