package fr.essor.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.agenda.AgendaFixtures;
import fr.essor.identity.IdentityFixtures;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A relay imports a spreadsheet of events: the report names each bad cell; nothing half-imported. */
class ImportTests extends HttpTestSupport {

    private static final String HEADER =
            "titre;resume;type;themes;publics;date;debut;fin;participation;lieu;commune;gratuit;tarif;inscription;organisateur";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AgendaFixtures agendaFixtures;

    WebUser relay;
    long edition;

    @BeforeEach
    void setUp() {
        agendaFixtures.ensure();
        IdentityFixtures ids = new IdentityFixtures(jdbc);
        String email = "import-" + System.nanoTime() + "@example.org";
        ids.moderator(email, null, Set.of("34", "30"));
        relay = ids.signIn(port, email);
        edition = PublishingFixtures.testEdition(jdbc);
    }

    private long imported(String marker) {
        return jdbc.sql("select count(*) from publishing.submission where imported and title like ?")
                .param("%" + marker + "%")
                .query(Long.class)
                .single();
    }

    private String upload(String name, String type, byte[] content, boolean validOnly) {
        relay.get("/moderation/import");
        var r = relay.postFile(
                "/moderation/import",
                validOnly
                        ? Map.of("editionId", String.valueOf(edition), "validOnly", "true")
                        : Map.of("editionId", String.valueOf(edition)),
                "file",
                name,
                type,
                content);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void aCleanCsvIsImportedIntoTheQueue() {
        String m = "csvpropre" + System.nanoTime();
        String csv = "\uFEFF" + HEADER + ";\n"
                + "Atelier " + m
                + " A;Découvrir les coopératives d’activité et d’emploi.;atelier;cooperation_entrepreneuriat|emploi_insertion;grand_public;2031-11-14;9:30;12:00;in_person;Maison des coopératives;34000;oui;;none;Relais 34\n"
                + "\"Visite " + m
                + " B; avec point-virgule\";Une visite commentée de la ressourcerie.;visite;economie_circulaire;grand_public;2031-11-15;14:00;16:00;in_person;Ressourcerie;Nîmes;non;5 €;none;Relais 30\n";
        String body = upload("evenements.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8), false);
        assertThat(body).contains("2 événements importés");
        assertThat(imported(m)).isEqualTo(2);
        assertThat(jdbc.sql("select state from publishing.submission where title like ?")
                        .param("%" + m + " A%")
                        .query(String.class)
                        .single())
                .isEqualTo("SUBMITTED");
        assertThat(relay.get("/moderation").body())
                .contains("Atelier " + m + " A", "Visite " + m + " B; avec point-virgule");
    }

    @Test
    void aFileWithBadRowsIsReportedCellByCellAndNothingIsImportedUnlessAsked() {
        String m = "csvsale" + System.nanoTime();
        String csv = HEADER + "\n"
                + "Bon atelier " + m
                + ";Découvrir les coopératives d’activité et d’emploi.;atelier;cooperation_entrepreneuriat;grand_public;2031-11-14;09:30;12:00;in_person;Maison des coopératives;Montpellier;oui;;none;Relais 34\n"
                + "Mauvais " + m
                + ";court;banquet;cooperation_entrepreneuriat;grand_public;2031-12-24;12:00;10:00;in_person;Salle;Montpellier;peut-être;;none;Relais 34\n"
                + "Hors territoire " + m
                + ";Une rencontre à Toulouse, hors du territoire du relais.;rencontre;culture;grand_public;2031-11-20;18:00;20:00;in_person;Salle;Toulouse;oui;;none;Relais 34\n";
        String body = upload("evenements.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8), false);
        assertThat(body).contains("Rien n’a été importé\u00a0: 1 ligne(s) valide(s) sur 3");
        assertThat(body)
                .contains(
                        "<td>3</td>",
                        "Valeur non permise",
                        "banquet",
                        "Attendu «\u00a0oui\u00a0» ou «\u00a0non\u00a0»",
                        "Le résumé doit compter",
                        "hors de votre territoire de modération",
                        "<td>4</td>");
        assertThat(imported(m)).isZero();

        String partial = upload("evenements.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8), true);
        assertThat(partial).contains("1 événement importé", "2 ligne(s) ignorée(s)");
        assertThat(imported(m)).isEqualTo(1);
    }

    @Test
    void anXlsxWithRealDatesAndTimesIsRead() throws IOException {
        String m = "xlsx" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "test", "1.0");
        Worksheet ws = wb.newWorksheet("evenements");
        String[] headers = HEADER.split(";");
        for (int i = 0; i < headers.length; i++) {
            ws.value(0, i, headers[i]);
        }
        Object[] row = {
            "Forum " + m,
            "Un forum des initiatives solidaires du Gard.",
            "forum",
            "innovation_sociale",
            "grand_public",
            LocalDate.of(2031, 11, 18),
            null,
            null,
            "in_person",
            "Halle",
            "30189",
            "oui",
            "",
            "none",
            "Relais 30"
        };
        for (int i = 0; i < row.length; i++) {
            if (row[i] instanceof String s) {
                ws.value(1, i, s);
            } else if (row[i] instanceof LocalDate d) {
                ws.value(1, i, d);
            }
        }
        ws.value(1, 6, 0.375); // 09:00 as a spreadsheet time
        ws.value(1, 7, LocalDateTime.of(1899, 12, 31, 11, 30).toLocalTime().toSecondOfDay() / 86400.0);
        wb.finish();
        String body = upload(
                "evenements.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                out.toByteArray(),
                false);
        assertThat(body).contains("1 événement importé");
        var draft = jdbc.sql(
                        "select content->>'dateStart', content->>'dateEnd', content->>'dateDay' from publishing.submission where title = ?")
                .param("Forum " + m)
                .query((rs, n) -> rs.getString(1) + rs.getString(2) + rs.getString(3))
                .single();
        assertThat(draft).contains("09:00", "11:30", "2031-11-18");
    }

    @Test
    void unreadableFilesAndMissingColumnsAreSaidClearly() {
        assertThat(upload("vide.csv", "text/csv", new byte[0], false)).contains("Le fichier est vide");
        assertThat(upload("image.csv", "text/csv", new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x41}, false))
                .contains("n’est pas en UTF-8");
        assertThat(upload(
                        "colonnes.csv",
                        "text/csv",
                        "titre;resume;couleur\nA;B;C\n".getBytes(StandardCharsets.UTF_8),
                        false))
                .contains("Colonne obligatoire absente", "Colonne inconnue", "couleur");
        assertThat(relay.get("/moderation/import/modele.xlsx").statusCode()).isEqualTo(200);
        var template = relay.get("/moderation/import/modele.csv");
        assertThat(template.body()).contains("titre;resume;description;type");
        // the template itself, once its example is given a date of the edition, is imported as it is
        String filled = template.body().replace("2026-11-14", "2031-11-14").replace("2026-11-21", "2031-11-21");
        assertThat(upload("modele.csv", "text/csv", filled.getBytes(StandardCharsets.UTF_8), false))
                .contains("1 événement importé");
    }
}
