-- Where the time of GET /api/v1/events?q=economie%20solidaire&departement=34 goes in PostgreSQL, as
-- EventRepository.search() builds it (first page of 20: 21 rows read to know whether a next page
-- exists; the total counted apart). Run with psql against the benchmark database.
\timing on

\echo '== page: 21 rows, département index in date order, text tested on each'
explain (analyze, buffers, costs off)
select e.id, e.title from agenda.event e join agenda.edition ed on ed.id = e.edition_id
where e.departement_code = '34' and e.search @@ to_tsquery('french', 'economie:* & solidaire:*')
order by e.first_start, e.id limit 21 offset 0;

\echo '== total, as counted: the text tested on the events of the département only'
explain (analyze, buffers, costs off)
select count(*) from (select e.search from agenda.event e where e.departement_code = '34' offset 0) e
where e.search @@ to_tsquery('french', 'economie:* & solidaire:*');

\echo '== total, as the planner would count it unaided (bitmap AND with the text index)'
explain (analyze, buffers, costs off)
select count(*) from agenda.event e
where e.departement_code = '34' and e.search @@ to_tsquery('french', 'economie:* & solidaire:*');

\echo '== unfiltered total'
explain (analyze, buffers, costs off)
select count(*) from agenda.event e;
