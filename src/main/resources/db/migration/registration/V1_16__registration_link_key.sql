-- The key that signs the private links of registrations (one for every instance, made at first use):
-- every mail about a registration can carry its link, without keeping the link itself.
create table registration.link_key (
    id  integer primary key check (id = 1),
    key bytea   not null
);
