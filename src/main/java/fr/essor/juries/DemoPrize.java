package fr.essor.juries;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.Dossiers;
import fr.essor.calls.FieldType;
import fr.essor.calls.Form;
import fr.essor.calls.FormField;
import fr.essor.calls.FormSection;
import fr.essor.calls.ProgrammeKind;
import fr.essor.calls.Programmes;
import fr.essor.calls.Staff;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.Accounts;
import fr.essor.identity.Memberships;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demonstration's past prize: the Prix régionaux de l'ESS 2019 (12th edition), with fictitious
 * applications in its three categories, a jury per category with its grid and scores, a conflict detected
 * (a juror who acts for an applicant structure) and one declared, prizes and a mention, released on
 * 5 November 2019 at the Conférence régionale. Everything in it is labelled as demonstration data.
 */
@Component
@ConditionalOnBooleanProperty(name = "essor.demo.enabled", matchIfMissing = false)
@Order(70)
class DemoPrize implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoPrize.class);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String SLUG = "prix-regionaux-ess-2019";
    private static final List<String> CATEGORIES =
            List.of("Utilité sociale", "Transition écologique", "Égalité femmes-hommes");

    private final Programmes programmes;
    private final Dossiers dossiers;
    private final Staff staff;
    private final Juries juries;
    private final Laureates laureates;
    private final Structures structures;
    private final Memberships memberships;
    private final Accounts accounts;
    private final JdbcClient jdbc;

    DemoPrize(
            Programmes programmes,
            Dossiers dossiers,
            Staff staff,
            Juries juries,
            Laureates laureates,
            Structures structures,
            Memberships memberships,
            Accounts accounts,
            JdbcClient jdbc) {
        this.programmes = programmes;
        this.dossiers = dossiers;
        this.staff = staff;
        this.juries = juries;
        this.laureates = laureates;
        this.structures = structures;
        this.memberships = memberships;
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        past();
        current();
    }

    /**
     * This year's prize, scoring under way: its three categories with their grid and jury, the scoring
     * open, one juror's scores in, the release set after the call's closing; nothing public yet.
     */
    private void current() {
        Optional<fr.essor.calls.Programme> programme = programmes.bySlug("prix-regionaux-ess");
        Optional<Accounts.Account> president = accounts.byEmail("moderation.demo@example.org");
        Optional<Accounts.Account> juror = accounts.byEmail("relais.herault.demo@example.org");
        Optional<Accounts.Account> manager = accounts.byEmail("admin.demo@example.org");
        if (programme.isEmpty()
                || president.isEmpty()
                || juror.isEmpty()
                || manager.isEmpty()
                || !juries.categoriesOf(programme.get().id()).isEmpty()) {
            return;
        }
        try {
            long p = programme.get().id();
            long m = manager.get().id();
            Instant release = programme.get().closesAt().plus(Duration.ofDays(45));
            for (String name : CATEGORIES) {
                long category = juries.createCategory(p, m, false, name, name, 2);
                long impact = juries.addCriterion(
                        category, m, false, "Impact social ou environnemental", new BigDecimal("3"), 0, 10);
                long innovation =
                        juries.addCriterion(category, m, false, "Caractère innovant", new BigDecimal("2"), 0, 10);
                long solidity = juries.addCriterion(category, m, false, "Solidité du modèle", BigDecimal.ONE, 0, 10);
                juries.addJuror(category, m, false, president.get().id(), true);
                juries.addJuror(category, m, false, juror.get().id(), false);
                juries.openScoring(category, m, false);
                laureates.release(category, m, false, release);
                for (long dossier : juries.assigned(category, juror.get().id())) {
                    juries.score(
                            category,
                            dossier,
                            juror.get().id(),
                            Map.of(impact, 7, innovation, 6, solidity, 7),
                            Map.of());
                }
            }
            log.info("Demonstration prize of this year: scoring under way");
        } catch (RuntimeException ex) {
            log.warn("The demonstration prize of this year could not be set up", ex);
        }
    }

    private void past() {
        if (programmes.bySlug(SLUG).isPresent()) {
            return;
        }
        Optional<Accounts.Account> applicant = accounts.byEmail("organisation.demo@example.org");
        Optional<Accounts.Account> president = accounts.byEmail("moderation.demo@example.org");
        Optional<Accounts.Account> juror = accounts.byEmail("relais.herault.demo@example.org");
        Optional<Accounts.Account> manager = accounts.byEmail("admin.demo@example.org");
        Optional<Accounts.Account> expert = accounts.byEmail("expertise.demo@example.org");
        if (applicant.isEmpty() || president.isEmpty() || juror.isEmpty() || manager.isEmpty() || expert.isEmpty()) {
            return;
        }
        try {
            Instant now = Instant.now();
            long programme = programmes.create(
                    draft(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1))),
                    new Form(List.of(new FormSection(
                            "La candidature",
                            List.of(
                                    new FormField(
                                            "categorie",
                                            "Catégorie",
                                            FieldType.CHOICE,
                                            true,
                                            null,
                                            CATEGORIES,
                                            null,
                                            null,
                                            null,
                                            List.of()),
                                    FormField.of("titre", "Titre du projet", FieldType.TEXT, true),
                                    FormField.of(
                                            "resume", "Le projet en quelques lignes", FieldType.LONG_TEXT, true))))));
            long a = applicant.get().id();
            long m = manager.get().id();
            staff.grant(programme, m, Role.MANAGER, m);
            String[][] projects = {
                {
                    "Utilité sociale",
                    "La Table ouverte (démonstration)",
                    "Un restaurant solidaire où chacun paie selon ses moyens."
                },
                {
                    "Utilité sociale",
                    "Répar’Toit (démonstration)",
                    "Des chantiers d’auto-réhabilitation accompagnée pour les ménages modestes."
                },
                {
                    "Utilité sociale",
                    "Les Mots partagés (démonstration)",
                    "Des ateliers d’écriture et de lecture dans les quartiers prioritaires."
                },
                {
                    "Transition écologique",
                    "La Ressourcerie du Lez (démonstration)",
                    "Collecte, réemploi et vente d’objets de seconde main."
                },
                {
                    "Transition écologique",
                    "Vélo-cité (démonstration)",
                    "Un atelier participatif de réparation de vélos et une vélo-école."
                },
                {
                    "Transition écologique",
                    "Terres de Lien (démonstration)",
                    "Une coopérative d’installation agricole en bio sur des terres communales."
                },
                {
                    "Égalité femmes-hommes",
                    "Elles bâtissent (démonstration)",
                    "Des formations aux métiers du bâtiment pour les femmes."
                },
                {
                    "Égalité femmes-hommes",
                    "Parité en jeu (démonstration)",
                    "Des clubs sportifs mixtes et des entraîneuses formées."
                },
                {
                    "Égalité femmes-hommes",
                    "Cap Entreprendre (démonstration)",
                    "Un incubateur pour les entrepreneuses des territoires ruraux."
                }
            };
            List<Long> ids = new ArrayList<>();
            List<Long> structureIds = new ArrayList<>();
            for (int i = 0; i < projects.length; i++) {
                long s = structures
                        .register(new Structures.Registration(
                                projects[i][1], siret(i), LegalFamily.ASSOCIATION, "34172", null))
                        .id();
                memberships.register(a, s);
                structures.verify(s, president.get().id());
                structureIds.add(s);
                long id = dossiers.start(programme, a, s);
                dossiers.save(
                        id,
                        a,
                        0,
                        Map.of(
                                "categorie", projects[i][0],
                                "titre", projects[i][1].replace(" (démonstration)", ""),
                                "resume", projects[i][2]));
                dossiers.submit(id, a, 1);
                ids.add(id);
            }
            // the expert account acts for one applicant structure: a conflict the opening detects
            memberships.register(expert.get().id(), structureIds.get(4));
            long[] jurors = {
                president.get().id(), juror.get().id(), expert.get().id()
            };
            Instant release = LocalDateTime.of(2019, 11, 5, 18, 0).atZone(PARIS).toInstant();
            for (int c = 0; c < CATEGORIES.size(); c++) {
                long category = juries.createCategory(programme, m, false, CATEGORIES.get(c), CATEGORIES.get(c), 2);
                long impact = juries.addCriterion(
                        category, m, false, "Impact social ou environnemental", new BigDecimal("3"), 0, 10);
                long innovation =
                        juries.addCriterion(category, m, false, "Caractère innovant", new BigDecimal("2"), 0, 10);
                long solidity = juries.addCriterion(category, m, false, "Solidité du modèle", BigDecimal.ONE, 0, 10);
                for (long j : jurors) {
                    juries.addJuror(category, m, false, j, j == jurors[0]);
                }
                juries.openScoring(category, m, false);
                for (int d = 0; d < 3; d++) {
                    long dossier = ids.get(c * 3 + d);
                    for (long j : jurors) {
                        if (!juries.assigned(category, j).contains(dossier)) {
                            continue;
                        }
                        int base = 8 - d - (j == jurors[1] ? 1 : 0);
                        juries.score(
                                category,
                                dossier,
                                j,
                                Map.of(
                                        impact,
                                        base,
                                        innovation,
                                        Math.max(1, base - 1),
                                        solidity,
                                        Math.min(9, base + 1)),
                                Map.of());
                    }
                }
                if (c == 0) {
                    // a juror declares a conflict on a dossier of the first category
                    long dossier = ids.get(2);
                    long who = juries.assigned(category, jurors[1]).contains(dossier) ? jurors[1] : jurors[0];
                    juries.declareConflict(
                            category, dossier, who, "A conseillé bénévolement l’association en 2018 (démonstration).");
                }
                List<Juries.Ranked> ranking = juries.ranking(category);
                laureates.decide(
                        category,
                        jurors[0],
                        ranking.get(0).dossierId(),
                        Laureates.Kind.PRIZE,
                        "Le jury salue un projet exemplaire et déjà reconnu sur son territoire (démonstration).");
                if (ranking.size() > 1) {
                    laureates.decide(
                            category,
                            jurors[0],
                            ranking.get(1).dossierId(),
                            Laureates.Kind.MENTION,
                            "Une mention pour une démarche prometteuse (démonstration).");
                }
                // announced in 2019: set before the release, so that no laureate mail goes out today
                jdbc.sql("update juries.category set scoring_opened_at = ?, announced_at = ? where id = ?")
                        .params(Timestamp.from(release.minus(Duration.ofDays(30))), Timestamp.from(release), category)
                        .update();
                laureates.release(category, m, false, release);
                jdbc.sql("update juries.award set decided_at = ? where category_id = ?")
                        .params(Timestamp.from(release.minus(Duration.ofDays(7))), category)
                        .update();
            }
            // the call itself was open in 2019: its dates are set back once its dossiers are in
            programmes.update(
                    programme,
                    draft(
                            LocalDateTime.of(2019, 6, 3, 9, 0).atZone(PARIS).toInstant(),
                            LocalDateTime.of(2019, 9, 13, 12, 0).atZone(PARIS).toInstant()));
            log.info("Demonstration prize 2019 loaded");
        } catch (RuntimeException ex) {
            log.warn("The demonstration prize 2019 could not be loaded", ex);
        }
    }

    private static Programmes.Draft draft(Instant opens, Instant closes) {
        return new Programmes.Draft(
                SLUG,
                "Prix régionaux de l’ESS 2019 — 12e édition (démonstration)",
                ProgrammeKind.PRIZE,
                "CRESS Occitanie",
                "Les prix de la 12e édition, remis le 5 novembre 2019 à la Conférence régionale de l’ESS.",
                "Données de démonstration : les candidatures, les notes et les lauréats sont fictifs.",
                "Les structures de l’ESS d’Occitanie.",
                null,
                opens,
                closes,
                List.of(),
                120,
                false,
                true);
    }

    /** A SIRET with a valid key (Luhn), fictitious, different for each demonstration structure. */
    static String siret(int n) {
        String base = String.format("9%08d0%03d", 20190000 + n, n);
        for (int last = 0; last < 10; last++) {
            String candidate = base + last;
            int sum = 0;
            for (int i = 0; i < 14; i++) {
                int digit = candidate.charAt(13 - i) - '0';
                if (i % 2 == 1) {
                    digit *= 2;
                    if (digit > 9) {
                        digit -= 9;
                    }
                }
                sum += digit;
            }
            if (sum % 10 == 0) {
                return candidate;
            }
        }
        throw new IllegalStateException("no key");
    }
}
