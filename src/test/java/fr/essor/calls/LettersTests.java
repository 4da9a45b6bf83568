package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.essor.HttpTestSupport;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A letter's public verification page, reached by the code its QR code carries. */
class LettersTests extends HttpTestSupport {

    @Autowired
    Dossiers dossiers;

    @Autowired
    Programmes programmes;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    Letters letters;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAcknowledgmentsCodeLeadsToWhatItStatesAndAnyOtherCodeToNothing() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        long applicant = fixtures.organizer(unique + "@lettre.test");
        long structure = structures
                .register(new Structures.Registration(
                        "Garage solidaire " + unique, CallsFixtures.siret(), LegalFamily.ASSOCIATION, "34172", null))
                .id();
        memberships.register(applicant, structure);
        structures.verify(structure, fixtures.moderator(unique + "@moderation.test", "76", java.util.Set.of()));
        long programme = programmes.create(
                CallsFixtures.draft(
                        "lettres-" + unique,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                CallsFixtures.form());
        long id = dossiers.start(programme, applicant, structure);
        dossiers.save(
                id,
                applicant,
                0,
                Map.of("statut", "Coopérative", "budget", List.of(Map.of("poste", "Pont élévateur", "cout", "7 000"))));
        String reference = dossiers.submit(id, applicant, 1).reference();
        Letters.Letter letter = letters.latest(id, Letters.Kind.ACKNOWLEDGMENT).orElseThrow();

        var page = get("/verifier/" + letter.code());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Accusé de réception authentique", letter.number(), reference, "Garage solidaire " + unique)
                .contains(letter.contentSha256());
        // the fingerprint is that of the statement as written
        String written = jdbc.sql("select statement::text from calls.letter where id = ?")
                .param(letter.id())
                .query(String.class)
                .single();
        assertThat(Letters.sha256(written)).isEqualTo(letter.contentSha256());
        assertThat(get("/verifier/" + letter.code().toLowerCase()).statusCode()).isEqualTo(200);

        assertThat(get("/verifier/AAAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);
        assertThat(get("/verifier/pas-un-code").statusCode()).isEqualTo(404);
        assertThat(get("/verifier/" + "A".repeat(300)).statusCode()).isEqualTo(404);
    }
}
