package fr.essor.directory;

import java.time.Instant;

/**
 * An ESS structure: association, coopérative, mutuelle, fondation or ESS company.
 *
 * @param communeCode INSEE code of the commune of its establishment
 * @param website its site, or {@code null}
 * @param verifiedAt when a moderator of its territory confirmed it, or {@code null}: until then the
 *     spreadsheet import attaches no event to it
 */
public record Structure(
        long id,
        String name,
        Siret siret,
        LegalFamily legalFamily,
        String communeCode,
        String website,
        Instant createdAt,
        Instant verifiedAt) {

    public boolean verified() {
        return verifiedAt != null;
    }
}
