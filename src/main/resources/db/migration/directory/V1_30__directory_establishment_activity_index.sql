-- A word of a search also finds the establishments of the activities whose label has it: by this index,
-- not by reading every establishment of the vintage.
create index establishment_naf on directory.establishment (vintage_id, naf);
