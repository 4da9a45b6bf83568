-- Each structure has one owner among its members: the person who registered it (for the structures
-- of before, its earliest member). Other members cannot remove the owner.
alter table identity.membership add column owner boolean not null default false;
update identity.membership m set owner = true
where (m.account_id, m.structure_id) in (
    select distinct on (structure_id) account_id, structure_id
    from identity.membership order by structure_id, joined_at, account_id);
create unique index membership_one_owner on identity.membership (structure_id) where owner;
