package fr.essor.awards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.essor.calls.Programmes;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The awarded aids as open data, in the national SCDL « subventions » format (version 2.1:
 * schema.data.gouv.fr/scdl/subventions): one line per award whose programme names the SIRET of its grantor
 * and whose beneficiary is a structure. The convention's date is the agreement's signature (the decision's
 * until it is signed); the payment is « unique » for a single tranche, else « échelonné » over the period
 * from the first tranche's date to the last one's; the nature « aide en numéraire »; no aid is notified to
 * the European Commission (« non »).
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

    private final javax.sql.DataSource dataSource;
    private final TransactionTemplate readOnly;
    private final Programmes programmes;

    SubsidiesOpenData(
            javax.sql.DataSource dataSource,
            org.springframework.transaction.PlatformTransactionManager transactions,
            Programmes programmes) {
        this.dataSource = dataSource;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.programmes = programmes;
    }

    /** A grantor: the programme's owner and its SIRET. */
    private record Grantor(String name, String siret) {}

    /** Writes the CSV (comma-separated, UTF-8, the header first), the oldest decision first. */
    public void write(Writer out) {
        try {
            line(out, COLUMNS);
            Map<Long, Optional<Grantor>> grantors = new HashMap<>();
            JdbcTemplate cursor = new JdbcTemplate(dataSource);
            cursor.setFetchSize(1000);
            readOnly.executeWithoutResult(status -> cursor.query("""
                    select a.programme_id, a.programme_name, a.decided_at, a.agreement_signed_at, a.beneficiary_name,
                           a.beneficiary_siret, a.amount_cents, a.object, a.rna, a.letter_number,
                           (select count(*) from awards.tranche t where t.award_id = a.id and t.state <> 'CANCELLED'),
                           (select min(due_on) from awards.tranche t where t.award_id = a.id and t.state <> 'CANCELLED'),
                           (select max(due_on) from awards.tranche t where t.award_id = a.id and t.state <> 'CANCELLED')
                    from awards.award a
                    where a.beneficiary_siret is not null
                    order by a.decided_at, a.id""", rs -> {
                Optional<Grantor> grantor = grantors.computeIfAbsent(
                        rs.getLong(1),
                        id -> programmes
                                .ownerSiret(id)
                                .flatMap(siret -> programmes.byId(id).map(p -> new Grantor(p.owner(), siret))));
                if (grantor.isEmpty()) {
                    return;
                }
                Timestamp signed = rs.getTimestamp(4);
                String convention = (signed != null ? signed : rs.getTimestamp(3))
                        .toInstant()
                        .atZone(PARIS)
                        .toLocalDate()
                        .toString();
                int tranches = rs.getInt(11);
                java.sql.Date first = rs.getDate(12);
                java.sql.Date last = rs.getDate(13);
                String period = first == null
                        ? convention
                        : tranches <= 1 || first.equals(last) ? first.toString() : first + "/" + last;
                String object = rs.getString(8) == null ? rs.getString(2) : rs.getString(8);
                try {
                    line(
                            out,
                            List.of(
                                    grantor.get().name(),
                                    grantor.get().siret(),
                                    convention,
                                    rs.getString(10) == null ? "" : rs.getString(10),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getString(9) == null ? "" : rs.getString(9),
                                    object.length() > 256 ? object.substring(0, 256) : object,
                                    BigDecimal.valueOf(rs.getLong(7), 2).toPlainString(),
                                    "aide en numéraire",
                                    tranches <= 1 ? "unique" : "échelonné",
                                    period,
                                    "",
                                    "non",
                                    "1",
                                    rs.getString(2)));
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
            out.write(fr.essor.shared.Csv.field(values.get(i)));
        }
        out.write("\r\n");
    }
}
