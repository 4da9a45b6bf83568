-- What the open data publishes of an award: its object (the dossier's title) and the beneficiary's RNA
-- number, as the decision's event carried them.
alter table awards.award
    add column object text,
    add column rna text;
