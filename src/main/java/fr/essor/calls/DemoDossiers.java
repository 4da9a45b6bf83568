package fr.essor.calls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.essor.calls.DossierFlow.Action;
import fr.essor.directory.Structure;
import fr.essor.directory.Structures;
import fr.essor.identity.Accounts;
import fr.essor.identity.Memberships;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demonstration dossiers, once, after the demonstration calls: the demonstration cooperative's dossiers
 * in several states — the Prix régionaux submitted, Pass Occitanie under instruction, Contrat Occitanie
 * accepted under four eyes (proposed by the Hérault relay, confirmed by the CRESS's moderator) — so that
 * the staff's pages have something to show. A failure leaves the demonstration without them, and says so.
 */
@Component
@ConditionalOnBooleanProperty(name = "essor.demo.enabled", matchIfMissing = false)
@Order(60)
class DemoDossiers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDossiers.class);
    private static final String APPLICANT = "organisation.demo@example.org";
    private static final String INSTRUCTOR = "relais.herault.demo@example.org";
    private static final String SIGNER = "moderation.demo@example.org";
    private static final String EXPERT = "expertise.demo@example.org";

    private final Programmes programmes;
    private final Dossiers dossiers;
    private final Instruction instruction;
    private final Documents documents;
    private final Accounts accounts;
    private final Memberships memberships;
    private final Structures structures;
    private final Experts experts;
    private final Messages messages;
    private final Annotations annotations;

    DemoDossiers(
            Programmes programmes,
            Dossiers dossiers,
            Instruction instruction,
            Documents documents,
            Accounts accounts,
            Memberships memberships,
            Structures structures,
            Experts experts,
            Messages messages,
            Annotations annotations) {
        this.annotations = annotations;
        this.experts = experts;
        this.messages = messages;
        this.programmes = programmes;
        this.dossiers = dossiers;
        this.instruction = instruction;
        this.documents = documents;
        this.accounts = accounts;
        this.memberships = memberships;
        this.structures = structures;
    }

    @Override
    public void run(ApplicationArguments args) {
        Optional<Accounts.Account> applicant = accounts.byEmail(APPLICANT);
        Optional<Accounts.Account> instructor = accounts.byEmail(INSTRUCTOR);
        Optional<Accounts.Account> signer = accounts.byEmail(SIGNER);
        if (applicant.isEmpty()
                || instructor.isEmpty()
                || signer.isEmpty()
                || !dossiers.ofApplicant(applicant.get().id()).isEmpty()) {
            return;
        }
        long a = applicant.get().id();
        Optional<Structure> structure = structures.all(memberships.structuresOf(a)).stream()
                .filter(Structure::verified)
                .findFirst();
        if (structure.isEmpty()) {
            return;
        }
        try {
            long s = structure.get().id();
            String siret = structure.get().siret().value();
            String commune = structure.get().communeCode();
            long doc = documents.upload(a, s, "Statuts (démonstration)", null, "statuts-demo.pdf", pdf(), "demo");
            String d = String.valueOf(doc);

            submitted(
                    "prix-regionaux-ess",
                    a,
                    s,
                    Map.of(
                            "categorie", "Transition écologique",
                            "titre", "Ressourcerie des Arceaux",
                            "resume", "Réemploi d’objets et ateliers de réparation ouverts au quartier.",
                            "personnes", "300",
                            "presentation", d));

            long pass = submitted(
                    "pass-occitanie",
                    a,
                    s,
                    Map.ofEntries(
                            Map.entry("siret", siret),
                            Map.entry("commune", commune),
                            Map.entry("statut", "Coopérative"),
                            Map.entry("salaries", "4"),
                            Map.entry("titre", "Un broyeur partagé"),
                            Map.entry("resume", "Un broyeur de végétaux prêté aux jardins de trois communes."),
                            Map.entry("debut", "2027-02-01"),
                            Map.entry("montant", "12000"),
                            Map.entry("budget", List.of(Map.of("poste", "Broyeur", "cout", "15000"))),
                            Map.entry("autresFinancements", "false"),
                            Map.entry("courriel", APPLICANT),
                            Map.entry("iban", "FR7630006000011234567890189"),
                            Map.entry("statuts", d),
                            Map.entry("comptes", d)));
            act(pass, instructor.get().id(), Action.TAKE, null, null);
            // an expert is asked for an opinion: the invitation's mail is in the demonstration mailbox
            experts.invite(
                    pass,
                    instructor.get().id(),
                    EXPERT,
                    "Le broyeur partagé entre trois communes est-il dimensionné pour leurs volumes de déchets verts ?",
                    java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).plusDays(14));

            long contrat = submitted(
                    "contrat-occitanie",
                    a,
                    s,
                    Map.of(
                            "siret", siret,
                            "commune", commune,
                            "salaries", "6",
                            "titre", "Une deuxième boutique de réemploi",
                            "resume", "Ouvrir une boutique à Lunel et y créer deux emplois en trois ans.",
                            "emplois", "2",
                            "montant", "150000",
                            "budget",
                                    List.of(
                                            Map.of("poste", "Bail et travaux", "cout", "120000"),
                                            Map.of("poste", "Salaires de la première année", "cout", "60000")),
                            "plan", d));
            long i = instructor.get().id();
            act(contrat, i, Action.TAKE, null, null);
            act(
                    contrat,
                    i,
                    Action.PROPOSE_ACCEPTANCE,
                    "Projet solide, emplois durables, cofinancement de la commune acquis.",
                    12_000_000L);
            act(contrat, signer.get().id(), Action.CONFIRM, null, null);

            // an earlier Pass Occitanie, accepted under four eyes too: its award is followed to its payments
            long velo = submitted(
                    "pass-occitanie",
                    a,
                    s,
                    Map.ofEntries(
                            Map.entry("siret", siret),
                            Map.entry("commune", commune),
                            Map.entry("statut", "Coopérative"),
                            Map.entry("salaries", "4"),
                            Map.entry("titre", "Un atelier vélo mobile"),
                            Map.entry("resume", "Une remorque outillée pour réparer les vélos sur les marchés."),
                            Map.entry("debut", "2027-01-15"),
                            Map.entry("montant", "8000"),
                            Map.entry("budget", List.of(Map.of("poste", "Remorque et outillage", "cout", "11000"))),
                            Map.entry("autresFinancements", "false"),
                            Map.entry("courriel", APPLICANT),
                            Map.entry("iban", "FR7630006000011234567890189"),
                            Map.entry("statuts", d),
                            Map.entry("comptes", d)));
            act(velo, i, Action.TAKE, null, null);
            annotations.save(instruction.dossier(velo, i).orElseThrow(), i, Map.of("avisComite", "Favorable"));
            act(
                    velo,
                    i,
                    Action.PROPOSE_ACCEPTANCE,
                    "Projet utile aux marchés de trois communes, budget réaliste.",
                    800_000L);
            act(velo, signer.get().id(), Action.CONFIRM, null, null);

            // the same person, as a project leader without a structure yet, applies to the incubator Catalis;
            // the instruction writes to them in the dossier's thread
            long cv = documents.upload(a, null, "CV (démonstration)", null, "cv-demo.pdf", pdf(), "demo");
            long catalis = submitted(
                    "catalis-incubation",
                    a,
                    null,
                    Map.of(
                            "porteur", "Camille Martin (démonstration)",
                            "courriel", APPLICANT,
                            "telephone", "0467000000",
                            "structure", "false",
                            "titre", "Une conserverie solidaire",
                            "besoin", "Transformer les invendus des marchés en conserves vendues sur place.",
                            "commune", "31555",
                            "cv", String.valueOf(cv)));
            act(catalis, i, Action.TAKE, null, null);
            messages.post(
                    dossiers.byId(catalis).orElseThrow(),
                    i,
                    true,
                    "Bonjour, pouvez-vous préciser les volumes d’invendus collectés chaque semaine ?",
                    null);
            // selected: the project joins Catalis's cohort (the incubation module's demonstration follows it)
            act(
                    catalis,
                    i,
                    Action.ACCEPT,
                    "Un besoin avéré, une porteuse engagée, des partenaires sur les marchés.",
                    null);
            log.info("Demonstration dossiers loaded");
        } catch (RuntimeException ex) {
            log.warn("The demonstration dossiers could not be loaded", ex);
        }
    }

    private long submitted(String slug, long applicant, Long structure, Map<String, ?> answers) {
        long programme = programmes.bySlug(slug).orElseThrow().id();
        long id = dossiers.start(programme, applicant, structure);
        int revision = dossiers.ofApplicant(id, applicant).orElseThrow().revision();
        dossiers.save(id, applicant, revision, answers);
        dossiers.submit(id, applicant, revision + 1);
        return id;
    }

    private void act(long dossier, long staffId, Action action, String reason, Long cents) {
        int revision = instruction.dossier(dossier, staffId).orElseThrow().revision();
        instruction.act(dossier, staffId, action, reason, cents, revision);
    }

    private static byte[] pdf() {
        try (PDDocument doc = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.save(out);
            return out.toByteArray();
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
