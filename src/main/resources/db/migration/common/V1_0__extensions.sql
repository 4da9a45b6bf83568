-- Extensions shared by the modules' schemas (installed once, in schema public).
create extension if not exists unaccent;
create extension if not exists pg_trgm;
create extension if not exists cube;
create extension if not exists earthdistance;
