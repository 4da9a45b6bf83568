package fr.essor.calls;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** A programme's draft and form for the tests of every package, and SIRETs with a valid key. */
public final class CallsFixtures {

    private CallsFixtures() {}

    public static Programmes.Draft draft(String slug, Instant opens, Instant closes) {
        return new Programmes.Draft(
                slug,
                "Appel d’essai",
                ProgrammeKind.AID,
                "Région Occitanie",
                "Un résumé.",
                "Une description.",
                "Les structures vérifiées.",
                5_000_000L,
                opens,
                closes,
                List.of("Statuts"),
                120,
                false,
                false);
    }

    public static Form form() {
        return new Form(List.of(new FormSection(
                "Le projet",
                List.of(
                        new FormField(
                                "statut",
                                "Forme juridique",
                                FieldType.CHOICE,
                                true,
                                null,
                                List.of("Association", "Coopérative"),
                                null,
                                null,
                                null,
                                List.of()),
                        new FormField(
                                "rna",
                                "Numéro RNA",
                                FieldType.TEXT,
                                true,
                                null,
                                List.of(),
                                "statut == 'Association'",
                                null,
                                null,
                                List.of()),
                        new FormField(
                                "budget",
                                "Budget",
                                FieldType.REPEATABLE,
                                true,
                                null,
                                List.of(),
                                null,
                                1,
                                20,
                                List.of(
                                        FormField.of("poste", "Poste", FieldType.TEXT, true),
                                        FormField.of("cout", "Montant", FieldType.AMOUNT, true))),
                        FormField.of("devis", "Devis", FieldType.FILE, false)))));
    }

    /** A SIRET with a valid key, different at each call. */
    /** A one-page PDF, as an applicant joins one. */
    public static byte[] pdf() throws java.io.IOException {
        return DocumentsTests.pdf(1);
    }

    public static String siret() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 14; i++) {
                s.append(random.nextInt(10));
            }
            int sum = 0;
            for (int i = 0; i < 14; i++) {
                int d = s.charAt(13 - i) - '0';
                sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
            }
            if (sum % 10 == 0 && !s.toString().startsWith("356000000")) {
                return s.toString();
            }
        }
    }
}
