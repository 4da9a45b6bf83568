-- When the laureates of a released category were told by mail: once, by one instance.
alter table juries.category add column announced_at timestamptz;
