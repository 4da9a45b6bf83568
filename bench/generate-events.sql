-- National-scale agenda generator for benchmarks.
--
-- Adds the editions 2020–2026 (demo) if missing, then 50,000 demo events spread over every
-- région and département in proportion to population, with 1–3 occurrences in November of
-- their edition year. Deterministic (setseed, no parallel plans). Skips itself when more than
-- 40,000 events already exist. Run from the repository root (the \copy paths are relative):
--
--   PGPASSWORD=postgres psql -h localhost -p 54329 -U postgres -d postgres \
--       -v ON_ERROR_STOP=1 -f bench/generate-events.sql

\set ON_ERROR_STOP on
\set n_events 50000

select count(*) > 40000 as already_generated from agenda.event \gset
\if :already_generated
    \echo 'more than 40,000 events already: nothing to generate'
    analyze agenda.event;
    analyze agenda.occurrence;
    \quit
\endif

set max_parallel_workers_per_gather = 0;   -- random() must be drawn in a fixed order
begin;

-- editions 2020–2026 (Mois de l'ESS, every November)
insert into agenda.edition (year, number, title, starts_on, ends_on, submission_opens, submission_closes, regions, demo)
select y, y - 2007, format('Mois de l''ESS %s — %se édition', y, y - 2007),
       make_date(y, 11, 1), make_date(y, 11, 30), make_date(y, 6, 1), make_date(y, 10, 15),
       (select array_agg(code order by code) from territory.region), true
from generate_series(2020, 2026) y
on conflict (year) do nothing;

-- realistic texts from the demo data
create temp table t_title (type text, themes text, audiences text, title text, summary text);
\copy t_title from 'src/main/resources/demo/titles.tsv' with (format text, header true)
create temp table t_desc (type text, paragraph text);
\copy t_desc from 'src/main/resources/demo/descriptions.tsv' with (format text, header true)
create temp table t_org (family text, name text);
\copy t_org from 'src/main/resources/demo/organizers.tsv' with (format text, header true)
create temp table t_venue (name text, address_pattern text);
\copy t_venue from 'src/main/resources/demo/venues.tsv' with (format text, header true)

create temp table titles as
select row_number() over (order by title, summary) - 1 as i, upper(type) as type,
       string_to_array(upper(themes), ',') as themes, string_to_array(upper(audiences), ',') as audiences,
       title, summary
from t_title;
create temp table descs as
select upper(type) as type, row_number() over (partition by type order by paragraph) - 1 as i,
       count(*) over (partition by type) as n, paragraph
from t_desc;
create temp table orgs as select row_number() over (order by name) - 1 as i, name from t_org;
create temp table venues as select row_number() over (order by name, address_pattern) - 1 as i, name, address_pattern from t_venue;

-- communes with a point and a population, as cumulative population intervals
create temp table communes as
select code, name, departement, region, latitude, longitude, postcodes[1] as postcode,
       sum(population::bigint) over (order by code) - population as lo,
       sum(population::bigint) over (order by code) as hi
from territory.commune
where population > 0 and latitude is not null and longitude is not null;
create index on communes (hi);
analyze communes;
select max(hi) as pop_total from communes \gset

select setseed(0.20261126);

-- one row of random draws per event, drawn in generate_series order
create temp table draws as
select g as n,
       random() as r_commune, random() as r_title, random() as r_desc, random() as r_org, random() as r_venue,
       random() as r_edition, random() as r_status, random() as r_attend, random() as r_free,
       random() as r_reg, random() as r_wheel, random() as r_sign, random() as r_sub, random() as r_audio,
       random() as r_easy, random() as r_coorg, random() as r_nocc, random() as r_day, random() as r_hour,
       random() as r_len, random() as r_step, random() as r_extra_theme
from generate_series(1, :n_events) g;

create temp table gen as
select
       ed.id as edition_id, ed.year,
       t.type, t.title, t.summary, t.themes, t.audiences,
       c.code as commune_code, c.name as commune_name, c.departement, c.region, c.latitude, c.longitude, c.postcode,
       d.*
from draws d
cross join lateral (select * from communes c where c.hi > floor(d.r_commune * :pop_total) order by c.hi limit 1) c
join titles t on t.i = floor(d.r_title * (select count(*) from titles))
-- editions 2019–2026, growing over the years (2019: ~6 %, 2026: ~19 %)
join agenda.edition ed on ed.year = 2019 + least(7, floor(sqrt(d.r_edition) * 8))::int;

insert into agenda.event (edition_id, title, summary, description, type, themes, audiences,
                          venue_name, venue_address, postcode, commune_code, commune_name, departement_code,
                          region_code, latitude, longitude, attendance, online_url, free, price, registration,
                          registration_url, wheelchair, sign_language, subtitles, audio_description, easy_read,
                          organizer, co_organizers, status, status_reason, demo, created_at, updated_at)
select g.edition_id,
       replace(g.title, '{commune}', g.commune_name),
       replace(g.summary, '{commune}', g.commune_name),
       coalesce(de.paragraph, ''),
       g.type, g.themes, g.audiences,
       case when a.attendance <> 'ONLINE' then v.name end,
       case when a.attendance <> 'ONLINE' then v.address_pattern end,
       g.postcode, g.commune_code, g.commune_name, g.departement, g.region,
       g.latitude, g.longitude,
       a.attendance,
       case when a.attendance <> 'IN_PERSON' then 'https://visio.example.org/ess-' || g.year || '-' || g.n end,
       g.r_free < 0.82,
       case when g.r_free >= 0.82 then (array['5 €', '10 €', '20 €', 'Prix libre, à partir de 2 €'])[1 + floor((g.r_free - 0.82) / 0.18 * 4)::int] end,
       case when g.r_reg < 0.45 then 'EXTERNAL' else 'NONE' end,
       case when g.r_reg < 0.45 then 'https://www.example.org/inscriptions/' || g.year || '-' || g.n end,
       a.attendance <> 'ONLINE' and g.r_wheel < 0.6,
       g.r_sign < 0.05, a.attendance <> 'IN_PERSON' and g.r_sub < 0.3, g.r_audio < 0.02, g.r_easy < 0.08,
       o.name,
       case when g.r_coorg < 0.25 then array['CRESS ' || r.name] else '{}' end,
       s.status,
       case s.status when 'CANCELLED' then 'Annulé faute d''intervenants disponibles.'
                     when 'POSTPONED' then 'Reporté à une date ultérieure.' end,
       true,
       make_timestamptz(g.year, 10, 1, 12, 0, 0, 'Europe/Paris'),
       make_timestamptz(g.year, 10, 1, 12, 0, 0, 'Europe/Paris')
from gen g
join territory.region r on r.code = g.region
join orgs o on o.i = floor(g.r_org * (select count(*) from orgs))
join venues v on v.i = floor(g.r_venue * (select count(*) from venues))
left join descs de on de.type = g.type and de.i = floor(g.r_desc * de.n)
cross join lateral (select case when g.r_attend < 0.82 then 'IN_PERSON' when g.r_attend < 0.92 then 'HYBRID'
                                else 'ONLINE' end as attendance) a
cross join lateral (select case when g.r_status < 0.92 then 'SCHEDULED' when g.r_status < 0.96 then 'CANCELLED'
                                when g.r_status < 0.98 then 'POSTPONED' else 'FULL' end as status) s
order by g.n;

-- 1–3 occurrences in November of the edition year (60 % one, 25 % two, 15 % three), same hour,
-- on consecutive days or a week apart, 9:00–19:00 Europe/Paris, lasting 1–3 hours
create temp table new_events as
select e.id, ed.year, row_number() over (order by e.id) as n
from agenda.event e join agenda.edition ed on ed.id = e.edition_id
where e.demo and e.first_start is null and e.created_at = make_timestamptz(ed.year, 10, 1, 12, 0, 0, 'Europe/Paris');

insert into agenda.occurrence (event_id, starts_at, ends_at)
select ne.id,
       make_timestamptz(ne.year, 11, x.day0 + k * x.step, x.hour, 0, 0, 'Europe/Paris'),
       make_timestamptz(ne.year, 11, x.day0 + k * x.step, x.hour, 0, 0, 'Europe/Paris') + make_interval(hours => x.len)
from new_events ne
join draws d on d.n = ne.n
cross join lateral (select case when d.r_nocc < 0.60 then 1 when d.r_nocc < 0.85 then 2 else 3 end as nocc,
                           case when d.r_step < 0.5 then 1 else 7 end as step,
                           9 + floor(d.r_hour * 10)::int as hour,
                           1 + floor(d.r_len * 3)::int as len) y
cross join lateral (select y.*, 1 + floor(d.r_day * (30 - (y.nocc - 1) * y.step))::int as day0) x
cross join generate_series(0, x.nocc - 1) k
order by ne.id, k;

update agenda.event e
set first_start = o.first_start, last_end = o.last_end
from (select event_id, min(starts_at) as first_start, max(ends_at) as last_end
      from agenda.occurrence where event_id in (select id from new_events) group by event_id) o
where o.event_id = e.id;

commit;

analyze agenda.edition;
analyze agenda.event;
analyze agenda.occurrence;

select ed.year, count(e.id) as events, count(distinct e.departement_code) as departements,
       count(distinct e.region_code) as regions
from agenda.edition ed left join agenda.event e on e.edition_id = ed.id group by ed.year order by ed.year;
