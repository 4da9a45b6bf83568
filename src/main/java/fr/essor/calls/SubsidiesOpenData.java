package fr.essor.calls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The aids awarded through the calls as open data, in the national SCDL « subventions » format (version
 * 2.1: schema.data.gouv.fr/scdl/subventions): one line per accepted dossier of an aid whose programme
 * names the SIRET of its grantor and whose beneficiary is a structure. Until the payment schedules of the
 * awards exist, the convention's date is the decision's, the payment is « unique » on that date, the
 * nature « aide en numéraire », and no aid is notified to the European Commission (« non »).
 */
@Service
public class SubsidiesOpenData {

    /** The columns, in the schema's order. */
    public static final List<String> COLUMNS = List.of(
            "nomAttribuant",
            "idAttribuant",
            "dateConvention",
            "referenceDecision",
            "nomBeneficiaire",
            "idBeneficiaire",
            "rnaBeneficiaire",
            "objet",
            "montant",
            "nature",
            "conditionsVersement",
            "datesPeriodeVersement",
            "idRAE",
            "notificationUE",
            "pourcentageSubvention",
            "dispositifAide");

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Pattern RNA = Pattern.compile("W\\d{9}");

    private final javax.sql.DataSource dataSource;
    private final TransactionTemplate readOnly;
    private final JsonMapper json;

    SubsidiesOpenData(
            javax.sql.DataSource dataSource,
            org.springframework.transaction.PlatformTransactionManager transactions,
            JsonMapper json) {
        this.dataSource = dataSource;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.json = json;
    }

    /** Writes the CSV (comma-separated, UTF-8, the header first), the oldest decision first. */
    public void write(Writer out) {
        try {
            line(out, COLUMNS);
            JdbcTemplate cursor = new JdbcTemplate(dataSource);
            cursor.setFetchSize(1000);
            readOnly.executeWithoutResult(status -> cursor.query("""
                    select p.owner, p.owner_siret, p.name, d.decided_at, d.beneficiary_name, d.beneficiary_siret,
                           d.decision_cents, d.answers::text,
                           (select l.number from calls.letter l where l.dossier_id = d.id and l.kind = 'DECISION'
                            order by l.id desc limit 1) as letter
                    from calls.dossier d join calls.programme p on p.id = d.programme_id
                    where d.state = 'ACCEPTED' and p.kind = 'AID' and p.owner_siret is not null
                      and d.beneficiary_siret is not null and d.decision_cents is not null
                    order by d.decided_at, d.id""", rs -> {
                String day = rs.getTimestamp(4)
                        .toInstant()
                        .atZone(PARIS)
                        .toLocalDate()
                        .toString();
                Map<String, Object> answers =
                        json.readValue(rs.getString(8), new TypeReference<Map<String, Object>>() {});
                String rna = answers.values().stream()
                        .filter(v -> v instanceof String s && RNA.matcher(s).matches())
                        .map(String::valueOf)
                        .findFirst()
                        .orElse("");
                Object title = answers.get("titre");
                String object = title instanceof String t && !t.isBlank() ? t : rs.getString(3);
                try {
                    line(
                            out,
                            List.of(
                                    rs.getString(1),
                                    rs.getString(2),
                                    day,
                                    rs.getString(9) == null ? "" : rs.getString(9),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rna,
                                    object.length() > 256 ? object.substring(0, 256) : object,
                                    BigDecimal.valueOf(rs.getLong(7), 2).toPlainString(),
                                    "aide en numéraire",
                                    "unique",
                                    day,
                                    "",
                                    "non",
                                    "1",
                                    rs.getString(3)));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }));
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void line(Writer out, List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(DossierExport.field(values.get(i) == null ? "" : values.get(i)));
        }
        out.write("\r\n");
    }
}
