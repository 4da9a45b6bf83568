package fr.essor.juries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import fr.essor.HttpTestSupport;
import fr.essor.Racers;
import fr.essor.WebUser;
import fr.essor.calls.CallsFixtures;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.Dossiers;
import fr.essor.calls.FieldType;
import fr.essor.calls.Form;
import fr.essor.calls.FormField;
import fr.essor.calls.FormSection;
import fr.essor.calls.Programmes;
import fr.essor.calls.Staff;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;
import fr.essor.shared.InvalidInput;
import fr.essor.shared.Tokens;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The public vote: double opt-in over HTTP, throwaway domains refused, one counted vote per address and
 * category; and a burst of 10,000 confirmations on the real database, each valid vote counted exactly once.
 */
class PublicVoteTests extends HttpTestSupport {

    @Autowired
    Juries juries;

    @Autowired
    Minutes minutes;

    @Autowired
    PublicVote vote;

    @Autowired
    DataSource dataSource;

    @Autowired
    Laureates laureates;

    @Autowired
    Programmes programmes;

    @Autowired
    Dossiers dossiers;

    @Autowired
    Staff staff;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate template;

    private record Setup(long manager, long category, long[] dossiers) {}

    private Setup setup(String unique) {
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        long manager = fixtures.organizer("gestion@" + unique + ".test");
        long programme = programmes.create(
                CallsFixtures.draft(
                        "vote-" + unique,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                new Form(List.of(new FormSection(
                        "Candidature", List.of(FormField.of("titre", "Titre", FieldType.TEXT, true))))));
        staff.grant(programme, manager, Role.MANAGER, manager);
        long[] ids = new long[2];
        for (int i = 0; i < 2; i++) {
            long applicant = fixtures.organizer("p" + i + "@" + unique + ".test");
            long structure = structures
                    .register(new Structures.Registration(
                            "Candidate " + i + " " + unique,
                            CallsFixtures.siret(),
                            LegalFamily.ASSOCIATION,
                            "34172",
                            null))
                    .id();
            memberships.register(applicant, structure);
            structures.verify(structure, manager);
            ids[i] = dossiers.start(programme, applicant, structure);
            dossiers.save(ids[i], applicant, 0, Map.of("titre", "Projet " + i + " " + unique));
            dossiers.submit(ids[i], applicant, 1);
        }
        long category = juries.createCategory(programme, manager, false, "Public", null, 1);
        juries.addCriterion(category, manager, false, "Impact", BigDecimal.ONE, 0, 10);
        return new Setup(manager, category, ids);
    }

    @Test
    void aVoteCountsOnceConfirmedAndOncePerAddress() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Setup s = setup(unique);
        assertThatThrownBy(() -> vote.ask(s.category(), s.dossiers()[0], "a@" + unique + ".test"))
                .as("no vote before it is set up")
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> vote.configure(
                        s.category(),
                        s.manager(),
                        false,
                        new BigDecimal("1.5"),
                        Instant.now(),
                        Instant.now().plusSeconds(60)))
                .isInstanceOf(InvalidInput.class);
        vote.configure(
                s.category(),
                s.manager(),
                false,
                new BigDecimal("0.25"),
                Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(2)));
        assertThatThrownBy(() -> vote.configure(
                        s.category(),
                        s.manager(),
                        false,
                        new BigDecimal("0.5"),
                        Instant.now(),
                        Instant.now().plusSeconds(60)))
                .as("the weight is fixed once the vote opened")
                .isInstanceOf(InvalidInput.class);

        // over HTTP: the page, a vote, its mail, its link
        String email = "electrice@" + unique + ".test";
        WebUser visitor = new WebUser(port);
        assertThat(visitor.get("/prix/vote/" + s.category()).body()).contains("Projet 0 " + unique, "Prix du public");
        var asked = visitor.post(
                "/prix/vote/" + s.category(), Map.of("dossier", String.valueOf(s.dossiers()[0]), "email", email));
        assertThat(asked.statusCode()).isIn(302, 303);
        String mail = jdbc.sql("select body from notification.outbox where recipient = ? and kind = 'juries-vote'")
                .param(email)
                .query(String.class)
                .single();
        Matcher link =
                Pattern.compile("/prix/vote/confirmer\\?jeton=([A-Za-z0-9_-]+)").matcher(mail);
        assertThat(link.find()).isTrue();
        assertThat(visitor.get("/prix/vote/confirmer?jeton=" + link.group(1)).body())
                .contains("confirmé et compté");
        assertThat(visitor.get("/prix/vote/confirmer?jeton=" + link.group(1)).body())
                .contains("n’est pas ou plus valable");
        // the same address again, for the other project: not counted
        vote.ask(s.category(), s.dossiers()[1], email.toUpperCase());
        String second = jdbc.sql(
                        "select body from notification.outbox where lower(recipient) = lower(?) and kind = 'juries-vote' order by id")
                .param(email)
                .query(String.class)
                .list()
                .getLast();
        Matcher again = Pattern.compile("jeton=([A-Za-z0-9_-]+)").matcher(second);
        assertThat(again.find()).isTrue();
        assertThat(vote.confirmOnce(again.group(1))).isEqualTo(PublicVote.Confirmation.ALREADY_VOTED);
        // a throwaway domain: refused, kept for the log
        assertThatThrownBy(() -> vote.ask(s.category(), s.dossiers()[1], "x@yopmail.com"))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.getMessage()).contains("juries.vote.error.disposable"));
        PublicVote.Log log = vote.log(s.category());
        assertThat(log.counted()).containsExactly(Map.entry(s.dossiers()[0], 1L));
        assertThat(log.excluded()).containsEntry("ALREADY_VOTED", 1L).containsEntry("DISPOSABLE", 1L);
        // the log is published with the decisions, not before
        assertThat(visitor.get("/prix/vote/" + s.category() + "/journal").statusCode())
                .isEqualTo(404);
        laureates.release(s.category(), s.manager(), false, Instant.now().minusSeconds(1));
        assertThat(visitor.get("/prix/vote/" + s.category() + "/journal").body())
                .contains(
                        "Projet 0 " + unique + "\u00a0: 1",
                        "Adresse jetable\u00a0: 1",
                        "Adresse ayant déjà voté\u00a0: 1");
        // the final result: three quarters the jury (no score yet: 0), one quarter the votes' share
        assertThat(vote.finalResults(s.category())).containsEntry(s.dossiers()[0], new BigDecimal("0.2500"));
        // and the minutes write it, with the vote's weight and the votes counted
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(minutes.pdf(s.category()))) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).replaceAll("\\s+", " "))
                    .contains("Vote du public et résultat final", "Poids du vote du public", "0,25", "0,2500");
        }
    }

    @Test
    void aBurstOfTenThousandConfirmationsCountsEachValidVoteExactlyOnce() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Setup s = setup(unique);
        vote.configure(
                s.category(),
                s.manager(),
                false,
                new BigDecimal("0.3"),
                Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(2)));
        // 6,000 addresses: 4,000 vote twice (once per project), 2,000 once — 10,000 votes in all
        List<String> tokens = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        for (int a = 0; a < 6000; a++) {
            String email = "v" + a + "@" + unique + ".test";
            for (int k = 0; k < (a < 4000 ? 2 : 1); k++) {
                String token = "t-" + unique + "-" + a + "-" + k;
                tokens.add(token);
                rows.add(new Object[] {s.category(), s.dossiers()[k], email, Tokens.hash(token), now});
            }
        }
        template.batchUpdate(
                "insert into juries.vote (category_id, dossier_id, email, token_hash, asked_at) values (?, ?, ?, ?, ?)",
                rows);
        assertThat(tokens).hasSize(10_000);
        Collections.shuffle(tokens, new java.util.Random(7));
        // and every link opened twice
        List<String> burst = new ArrayList<>(tokens);
        burst.addAll(tokens);
        Collections.shuffle(burst, new java.util.Random(11));
        ExecutorService pool = Executors.newFixedThreadPool(Racers.besideTheApplication(dataSource));
        Map<PublicVote.Confirmation, Integer> results = new EnumMap<>(PublicVote.Confirmation.class);
        try {
            List<Future<PublicVote.Confirmation>> futures = new ArrayList<>();
            for (String t : burst) {
                futures.add(pool.submit(() -> vote.confirmOnce(t)));
            }
            for (Future<PublicVote.Confirmation> f : futures) {
                results.merge(f.get(), 1, Integer::sum);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(results.get(PublicVote.Confirmation.COUNTED)).isEqualTo(6000);
        assertThat(jdbc.sql("select count(*) from juries.vote where category_id = ? and confirmed_at is not null")
                        .param(s.category())
                        .query(Long.class)
                        .single())
                .isEqualTo(6000);
        assertThat(jdbc.sql(
                                "select count(*) from (select email from juries.vote where category_id = ? and confirmed_at is not null "
                                        + "group by email having count(*) > 1) twice")
                        .param(s.category())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(vote.log(s.category()).excluded()).containsEntry("ALREADY_VOTED", 4000L);
        assertThat(vote.log(s.category()).counted().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(6000);
    }
}
