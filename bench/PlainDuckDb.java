import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The baseline of the observatory benchmark: one plain DuckDB SQL statement doing the import's join and
 * aggregation (units' ESS family by legal category or flag, active establishments joined to their unit,
 * counted per commune, family, NAF division and size band) on the same files, with the same threads and
 * memory limit. Run: java -cp duckdb_jdbc.jar bench/PlainDuckDb.java UNITS.csv ESTABLISHMENTS.csv 2GB
 */
public class PlainDuckDb {

    public static void main(String[] args) throws Exception {
        String units = args[0].replace("'", "''");
        String establishments = args[1].replace("'", "''");
        String memory = args.length > 2 ? args[2] : "2GB";
        String sql = """
                with u as (
                  select siren,
                    case when categorieJuridiqueUniteLegale in ('9210','9220','9221','9222','9223','9224','9230','9260') then 1
                         when categorieJuridiqueUniteLegale = '9300' then 4
                         when categorieJuridiqueUniteLegale in ('8210','8250','8290','6411') then 3
                         when categorieJuridiqueUniteLegale between '5191' and '5196' or categorieJuridiqueUniteLegale in
                           ('5432','5443','5532','5543','5547','5632','5643','5647','6316','6317','6318','6532','6543','6551',
                            '6554','6558','6560','6595','6596')
                           or categorieJuridiqueUniteLegale between '5451' and '5460'
                           or categorieJuridiqueUniteLegale between '5551' and '5560'
                           or categorieJuridiqueUniteLegale between '5651' and '5660' then 2
                         when economieSocialeSolidaireUniteLegale = 'O' then 5 else 0 end as family
                  from read_csv('%s', header = true, all_varchar = true, ignore_errors = true)),
                e as (
                  select siren, trancheEffectifsEtablissement as band, activitePrincipaleEtablissement as naf,
                         codeCommuneEtablissement as commune
                  from read_csv('%s', header = true, all_varchar = true, ignore_errors = true)
                  where etatAdministratifEtablissement = 'A')
                select count(*), sum(n) from (
                  select e.commune, coalesce(u.family, 0) as family, substr(e.naf, 1, 2) as division, e.band, count(*) as n
                  from e left join u on u.siren = e.siren
                  group by all)
                """.formatted(units, establishments);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("set threads = " + Runtime.getRuntime().availableProcessors());
            s.execute("set memory_limit = '" + memory + "'");
            s.execute("set preserve_insertion_order = false");
            long started = System.nanoTime();
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                System.out.printf("plain DuckDB SQL: %d groups, %d active establishments, %.1f s%n", rs.getLong(1),
                        rs.getLong(2), (System.nanoTime() - started) / 1e9);
            }
        }
    }
}
