package fr.essor.publishing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import fr.essor.directory.Structures;
import fr.essor.identity.Person;
import fr.essor.publishing.moderation.Moderation.State;
import fr.essor.shared.InvalidInput;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The spreadsheets of the territorial relays: each valid row becomes a version submitted to the
 * moderators of the importing moderator's territory, as if its organizer had sent it.
 */
@Service
class SpreadsheetImports {

    private static final Logger LOG = LoggerFactory.getLogger(SpreadsheetImports.class);

    private final SubmissionRepository submissions;
    private final Publishing publishing;
    private final DraftRules rules;
    private final Structures structures;
    private final Clock clock;

    SpreadsheetImports(
            SubmissionRepository submissions,
            Publishing publishing,
            DraftRules rules,
            Structures structures,
            Clock clock) {
        this.submissions = submissions;
        this.publishing = publishing;
        this.rules = rules;
        this.structures = structures;
        this.clock = clock;
    }

    /** What an import did, or would do: every problem, and how many rows are (or were) imported. */
    record ImportReport(List<EventImport.Problem> problems, int rows, int validRows, int imported) {

        public boolean clean() {
            return problems.isEmpty();
        }
    }

    /**
     * Imports the rows of a spreadsheet as submitted versions in the moderator's territory. Nothing is
     * imported while a row has a problem, unless {@code validOnly}: then the rows without problem are.
     * All or nothing: the imported rows are written in one transaction.
     */
    @Transactional
    ImportReport importRows(Person person, EventImport.Sheet sheet, boolean validOnly) {
        if (!sheet.fileProblems().isEmpty()) {
            return new ImportReport(sheet.fileProblems(), 0, 0, 0);
        }
        List<EventImport.Problem> problems = new ArrayList<>();
        record Valid(
                EventImport.ReadRow row,
                DraftRules.Checked checked,
                Long structureId,
                SubmissionRepository.Placement placement) {}
        List<Valid> valid = new ArrayList<>();
        for (EventImport.ReadRow row : sheet.rows()) {
            List<EventImport.Problem> rowProblems = new ArrayList<>(row.problems());
            Long structureId = null;
            if (!row.siret().isEmpty()) {
                var structure = structures.bySiret(row.siret());
                if (structure.isEmpty()) {
                    rowProblems.add(new EventImport.Problem(row.line(), "siret", "import.error.siret", row.siret()));
                } else if (!structure.get().verified()) {
                    // until a moderator has verified it, whoever typed that SIRET gets no imported event
                    rowProblems.add(
                            new EventImport.Problem(row.line(), "siret", "import.error.siret.unverified", row.siret()));
                } else {
                    structureId = structure.get().id();
                }
            }
            DraftRules.Checked checked = null;
            SubmissionRepository.Placement placement = null;
            try {
                checked = rules.check(row.draft(), row.draft().organizer());
                placement = publishing.placement(checked, row.draft(), null);
                if (!person.moderates(placement.regionCode(), placement.departementCode())) {
                    rowProblems.add(new EventImport.Problem(
                            row.line(),
                            "commune",
                            "import.error.territory",
                            row.draft().commune()));
                }
            } catch (InvalidInput ex) {
                ex.errors()
                        .forEach(e -> rowProblems.add(new EventImport.Problem(
                                row.line(),
                                EventImport.COLUMN_OF_FIELD.getOrDefault(e.field(), e.field()),
                                e.messageKey(),
                                "")));
            }
            if (rowProblems.isEmpty()) {
                valid.add(new Valid(row, checked, structureId, placement));
            }
            problems.addAll(rowProblems.stream().distinct().toList());
        }
        if (!problems.isEmpty() && !validOnly) {
            return new ImportReport(problems, sheet.rows().size(), valid.size(), 0);
        }
        for (Valid v : valid) {
            long id = submissions.insert(
                    null,
                    v.structureId(),
                    v.checked().edition().id(),
                    State.SUBMITTED,
                    v.row().draft(),
                    v.placement(),
                    true,
                    person.id(),
                    clock.instant());
            submissions.log(
                    id,
                    null,
                    "IMPORT",
                    null,
                    "MODERATOR",
                    person.id(),
                    person.displayName(),
                    "Ligne " + v.row().line(),
                    clock.instant());
        }
        LOG.info(
                "account {} imported {} of {} rows",
                person.id(),
                valid.size(),
                sheet.rows().size());
        return new ImportReport(problems, sheet.rows().size(), valid.size(), valid.size());
    }
}
