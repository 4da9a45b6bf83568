package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.essor.HttpTestSupport;
import fr.essor.WebUser;
import fr.essor.calls.DossierFlow.Action;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;
import fr.essor.shared.InvalidInput;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Expert opinions: the invitation's mail and link, the expert who sees that dossier only, the opinion given
 * once, the revocation, the reminders sent once each, and the limits on what an instructor can make Essor
 * mail.
 */
class ExpertsTests extends HttpTestSupport {

    private static final Pattern LINK = Pattern.compile("/avis\\?jeton=([A-Za-z0-9_-]+)");

    @Autowired
    Dossiers dossiers;

    @Autowired
    Programmes programmes;

    @Autowired
    Instruction instruction;

    @Autowired
    Experts experts;

    @Autowired
    Staff staff;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    private record Setup(String unique, long programme, long dossier, long applicant, long instructor) {}

    /** A dossier under instruction, its applicant and its instructor. */
    private Setup underInstruction() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        long applicant = fixtures.organizer(unique + "@porteur.test");
        long structure = structures
                .register(new Structures.Registration(
                        "Jardin partagé " + unique, CallsFixtures.siret(), LegalFamily.ASSOCIATION, "34172", null))
                .id();
        memberships.register(applicant, structure);
        long instructor = fixtures.organizer(unique + "@instruction.test");
        structures.verify(structure, instructor);
        long programme = programmes.create(
                CallsFixtures.draft(
                        "experts-" + unique,
                        Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(Duration.ofDays(3))),
                CallsFixtures.form());
        staff.grant(programme, instructor, Role.INSTRUCTOR, instructor);
        long id = dossiers.start(programme, applicant, structure);
        dossiers.save(
                id,
                applicant,
                0,
                Map.of("statut", "Coopérative", "budget", List.of(Map.of("poste", "Semences", "cout", "120"))));
        dossiers.submit(id, applicant, 1);
        instruction.act(id, instructor, Action.TAKE, null, null, 2);
        return new Setup(unique, programme, id, applicant, instructor);
    }

    private List<String> mails(String to, String kind) {
        return jdbc.sql(
                        "select body from notification.outbox where lower(recipient) = lower(?) and kind = ? order by id")
                .params(to, kind)
                .query(String.class)
                .list();
    }

    private static String token(String body) {
        Matcher m = LINK.matcher(body);
        assertThat(m.find()).as("the mail carries the link").isTrue();
        return m.group(1);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Paris"));
    }

    @Test
    void anInvitedExpertReadsThatDossierOnlyAndGivesOneReasonedOpinionThatTheInstructorsRead() {
        Setup s = underInstruction();
        Setup other = underInstruction();
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        String expertEmail = s.unique() + "@expert.test";
        long expertId = fixtures.organizer(expertEmail);

        WebUser instructorUser = fixtures.signIn(port, s.unique() + "@instruction.test");
        var invited = instructorUser.submit(
                "/instruction/dossiers/" + s.dossier(),
                "/instruction/dossiers/" + s.dossier() + "/experts",
                Map.of(
                        "email",
                        expertEmail,
                        "question",
                        "Les semences sont-elles adaptées au climat local ?",
                        "due",
                        today().plusDays(10).toString()));
        assertThat(invited.statusCode()).isIn(302, 303);
        List<String> sent = mails(expertEmail, "calls-expert-invitation");
        assertThat(sent).hasSize(1);
        // the mail spaces the question the French way, as the pages do
        assertThat(sent.getFirst()).contains("Les semences sont-elles adaptées au climat local\u00a0?");
        String token = token(sent.getFirst());
        // the same address invited again on the same dossier is not mailed again
        instructorUser.submit(
                "/instruction/dossiers/" + s.dossier(),
                "/instruction/dossiers/" + s.dossier() + "/experts",
                Map.of(
                        "email",
                        expertEmail.toUpperCase(),
                        "question",
                        "Encore ?",
                        "due",
                        today().plusDays(5).toString()));
        assertThat(mails(expertEmail, "calls-expert-invitation")).hasSize(1);

        // someone else who got the link is refused and does not take it
        String strangerEmail = s.unique() + "@curieux.test";
        fixtures.organizer(strangerEmail);
        WebUser stranger = fixtures.signIn(port, strangerEmail);
        var refused = stranger.get("/avis?jeton=" + token);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("adressée à une autre adresse");

        // the expert opens it, and sees the question and the answers
        WebUser expert = fixtures.signIn(port, expertEmail);
        var opened = expert.get("/avis?jeton=" + token);
        assertThat(opened.statusCode()).isIn(302, 303);
        String location = opened.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/avis/\\d+$");
        long invitation = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        var page = expert.get("/avis/" + invitation);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Les semences sont-elles adaptées au climat local\u00a0?", "Semences", "Coopérative");
        assertThat(expert.get("/avis").body())
                .contains(dossiers.byId(s.dossier()).orElseThrow().reference());
        // the header leads the expert back to their opinions
        assertThat(expert.get("/avis").body()).contains("Mes avis d’expert</a>");
        // the link now works for the expert only
        assertThat(stranger.get("/avis?jeton=" + token).body()).contains("n’est pas ou plus valable");
        assertThat(stranger.get("/avis/" + invitation).statusCode()).isEqualTo(404);
        // the expert sees nothing else: not the staff's pages of this dossier nor another dossier
        assertThat(expert.get("/instruction/dossiers/" + s.dossier()).statusCode())
                .isEqualTo(404);
        assertThat(expert.get("/instruction/dossiers/" + other.dossier()).statusCode())
                .isEqualTo(404);
        assertThat(expert.get("/avis/" + (invitation + 100_000)).statusCode()).isEqualTo(404);

        // an opinion without its verdict or reasons is refused with a French message, nothing written
        var incomplete = expert.post("/avis/" + invitation, Map.of("opinion", "Oui."));
        assertThat(incomplete.statusCode()).isIn(302, 303);
        assertThat(expert.get("/avis/" + invitation).body()).contains("Choisissez un avis");
        var blank = expert.post("/avis/" + invitation, Map.of("verdict", "FAVOURABLE", "opinion", "   "));
        assertThat(blank.statusCode()).isIn(302, 303);
        assertThat(expert.get("/avis/" + invitation).body()).contains("Motivez votre avis");
        var given = expert.post(
                "/avis/" + invitation,
                Map.of("verdict", "RESERVED", "opinion", "Adaptées, sauf les tomates : prévoir un voile d’hivernage."));
        assertThat(given.statusCode()).isIn(302, 303);
        assertThat(expert.get("/avis/" + invitation).body()).contains("Réservé", "voile d’hivernage");
        // given once
        assertThatThrownBy(() -> experts.give(invitation, expertId, Experts.Verdict.FAVOURABLE, "Changement d’avis."))
                .isInstanceOf(DossierFlow.IllegalTransition.class);

        // the instructors read it; the applicant does not
        assertThat(instructorUser.get("/instruction/dossiers/" + s.dossier()).body())
                .contains(expertEmail, "Réservé", "voile d’hivernage");
        WebUser applicant = fixtures.signIn(port, s.unique() + "@porteur.test");
        assertThat(applicant.get("/dossiers/" + s.dossier()).body()).doesNotContain("voile d’hivernage");
        assertThat(applicant.get("/avis/" + invitation).statusCode()).isEqualTo(404);
        // every step is in the dossier's trail, its chain whole
        var journal = instructorUser.get("/instruction/dossiers/" + s.dossier() + "/journal.csv");
        assertThat(journal.headers().firstValue("X-Essor-Chain")).hasValue("whole");
        assertThat(journal.body())
                .contains(
                        "EXPERT",
                        "invitation " + invitation,
                        "expert " + invitation,
                        "opinion " + invitation + " RESERVED");
    }

    @Test
    void aRevokedExpertNoLongerSeesTheDossierAndOnlyItsInstructorsInviteOrRevoke() {
        Setup s = underInstruction();
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        String expertEmail = s.unique() + "@expert.test";
        long expertId = fixtures.organizer(expertEmail);
        long invitation = experts.invite(
                s.dossier(), s.instructor(), expertEmail, "Le budget est-il réaliste ?", today().plusDays(7));
        WebUser expert = fixtures.signIn(port, expertEmail);
        String token = token(mails(expertEmail, "calls-expert-invitation").getFirst());
        assertThat(expert.get("/avis?jeton=" + token).statusCode()).isIn(302, 303);
        assertThat(expert.get("/avis/" + invitation).statusCode()).isEqualTo(200);

        // neither the applicant nor the expert can invite or revoke
        assertThatThrownBy(() -> experts.invite(
                        s.dossier(), s.applicant(), "ami@" + s.unique() + ".test", "?", today().plusDays(3)))
                .isInstanceOf(DossierFlow.IllegalTransition.class);
        assertThatThrownBy(() -> experts.revoke(s.dossier(), invitation, expertId))
                .isInstanceOf(DossierFlow.IllegalTransition.class);
        WebUser applicant = fixtures.signIn(port, s.unique() + "@porteur.test");
        applicant.get("/dossiers/" + s.dossier());
        applicant.post(
                "/instruction/dossiers/" + s.dossier() + "/experts",
                Map.of(
                        "email",
                        "ami@" + s.unique() + ".test",
                        "question",
                        "?",
                        "due",
                        today().plusDays(3).toString()));
        assertThat(mails("ami@" + s.unique() + ".test", "calls-expert-invitation"))
                .isEmpty();

        // revoked: the page, its documents and the opinion are closed to the expert
        WebUser instructorUser = fixtures.signIn(port, s.unique() + "@instruction.test");
        var revoked = instructorUser.submit(
                "/instruction/dossiers/" + s.dossier(),
                "/instruction/dossiers/" + s.dossier() + "/experts/" + invitation + "/retirer",
                Map.of());
        assertThat(revoked.statusCode()).isIn(302, 303);
        assertThat(expert.get("/avis/" + invitation).statusCode()).isEqualTo(404);
        assertThat(expert.get("/avis/" + invitation + "/documents/1").statusCode())
                .isEqualTo(404);
        assertThat(expert.get("/avis?jeton=" + token).body()).contains("n’est pas ou plus valable");
        assertThat(expert.get("/avis").body()).doesNotContain("Le budget est-il réaliste");
        assertThatThrownBy(() -> experts.give(invitation, expertId, Experts.Verdict.FAVOURABLE, "Oui."))
                .isInstanceOf(DossierFlow.IllegalTransition.class);
        assertThat(instructorUser.get("/instruction/dossiers/" + s.dossier()).body())
                .contains("invitation retirée");
        // the header: the expert's only invitation revoked, no more link to opinions; the instructor's link to
        // the instruction, which the expert never had
        String expertsHeader = expert.get("/").body();
        assertThat(expertsHeader).doesNotContain("Mes avis d’expert</a>").doesNotContain(">Instruction</a>");
        assertThat(instructorUser.get("/").body()).contains(">Instruction</a>");
    }

    @Test
    void anInstructorCannotMakeEssorMailWithoutBoundsNorInviteWithBadInput() {
        Setup s = underInstruction();
        LocalDate due = today().plusDays(7);
        assertThatThrownBy(() -> experts.invite(s.dossier(), s.instructor(), "pas-une-adresse", "?", due))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> experts.invite(s.dossier(), s.instructor(), "a@b.test", "  ", due))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> experts.invite(s.dossier(), s.instructor(), "a@b.test", "?", today().minusDays(1)))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> experts.invite(s.dossier(), s.instructor(), "a@b.test", "?", today().plusDays(400)))
                .isInstanceOf(InvalidInput.class);
        for (int i = 0; i < Experts.OPEN_PER_DOSSIER; i++) {
            experts.invite(s.dossier(), s.instructor(), "expert" + i + "@" + s.unique() + ".test", "Votre avis ?", due);
        }
        assertThatThrownBy(() -> experts.invite(
                        s.dossier(), s.instructor(), "encore@" + s.unique() + ".test", "Votre avis ?", due))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("calls.experts.error.tooMany");
        // a decided dossier takes no more invitation
        int revision = dossiers.byId(s.dossier()).orElseThrow().revision();
        instruction.act(s.dossier(), s.instructor(), Action.REFUSE, "Hors périmètre.", null, revision);
        assertThatThrownBy(() -> experts.invite(
                        s.dossier(), s.instructor(), "tard@" + s.unique() + ".test", "Votre avis ?", due))
                .isInstanceOf(DossierFlow.IllegalTransition.class);
    }

    @Test
    void remindersGoTwoDaysBeforeAndOnTheDueDateOnceEachAndNeverAfterTheOpinion() {
        Setup s = underInstruction();
        String late = "lent@" + s.unique() + ".test";
        String quick = "rapide@" + s.unique() + ".test";
        long slow = experts.invite(s.dossier(), s.instructor(), late, "Votre avis ?", today().plusDays(5));
        long fast = experts.invite(s.dossier(), s.instructor(), quick, "Votre avis ?", today().plusDays(2));
        experts.remind();
        // five days ahead: nothing yet; two days ahead: the first reminder
        assertThat(mails(late, "calls-expert-reminder")).isEmpty();
        assertThat(mails(quick, "calls-expert-reminder")).hasSize(1);
        experts.remind();
        assertThat(mails(quick, "calls-expert-reminder")).hasSize(1);
        // the due date comes: the second, once
        jdbc.sql("update calls.expert set due_on = ? where id in (?, ?)")
                .params(today(), slow, fast)
                .update();
        experts.remind();
        experts.remind();
        assertThat(mails(quick, "calls-expert-reminder")).hasSize(2);
        // the late one had none before: one on the due date, and no second the same day
        assertThat(mails(late, "calls-expert-reminder")).hasSize(1);
        assertThat(mails(late, "calls-expert-reminder").getLast()).contains("/avis/" + slow);
        experts.remind();
        assertThat(mails(late, "calls-expert-reminder")).hasSize(1);

        // an opinion given or an invitation revoked is not reminded
        Setup t = underInstruction();
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        String done = "fait@" + t.unique() + ".test";
        long doneId = fixtures.organizer(done);
        experts.invite(t.dossier(), t.instructor(), done, "Votre avis ?", today());
        String gone = "retire@" + t.unique() + ".test";
        long goneInvitation = experts.invite(t.dossier(), t.instructor(), gone, "Votre avis ?", today());
        experts.revoke(t.dossier(), goneInvitation, t.instructor());
        String token = token(mails(done, "calls-expert-invitation").getFirst());
        var opened = experts.open(token, doneId, done);
        experts.give(opened.getValue(), doneId, Experts.Verdict.FAVOURABLE, "Solide.");
        experts.remind();
        assertThat(mails(done, "calls-expert-reminder")).isEmpty();
        assertThat(mails(gone, "calls-expert-reminder")).isEmpty();
    }
}
