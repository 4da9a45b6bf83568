package fr.essor.calls.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import fr.essor.calls.Documents;
import fr.essor.calls.Dossiers;
import fr.essor.calls.FieldType;
import fr.essor.shared.FieldError;
import fr.essor.territory.Territories;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the fragment {@code calls/answers} reads to show a dossier's answers: the form's sections with the
 * values, the communes answered by their names, and the applicant's vault by document id (only the
 * documents the answers join are shown).
 */
@Component
class AnswersModel {

    private final Dossiers dossiers;
    private final Documents documents;
    private final Territories territories;

    AnswersModel(Dossiers dossiers, Documents documents, Territories territories) {
        this.dossiers = dossiers;
        this.documents = documents;
        this.territories = territories;
    }

    /** The dossier's answers as saved. */
    void fill(Model model, Dossiers.Dossier d) {
        fill(model, d, d.answers(), List.of());
    }

    /** The dossier with these values (as posted, when a form comes back with errors). */
    void fill(Model model, Dossiers.Dossier d, Map<String, ?> values, List<FieldError> errors) {
        var form = dossiers.formOf(d);
        model.addAttribute("sections", DossierForm.view(form, values, errors));
        model.addAttribute(
                "communes",
                territories.communeNames(form.sections().stream()
                        .flatMap(s -> s.fields().stream())
                        .filter(f -> f.type() == FieldType.COMMUNE)
                        .map(f -> values.get(f.key()))
                        .filter(v -> v instanceof String)
                        .map(v -> ((String) v).toUpperCase(Locale.ROOT))
                        .toList()));
        List<Documents.Document> vault = documents.vault(d.applicantId(), d.structureId());
        model.addAttribute("vault", vault);
        model.addAttribute("documents", vault.stream().collect(Collectors.toMap(v -> String.valueOf(v.id()), v -> v)));
    }
}
