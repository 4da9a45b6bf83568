package fr.essor.calls;

import java.time.Instant;

/**
 * A project leader was selected: a dossier of an incubator's call was accepted. The incubation module
 * follows the project in its cohort, from there to the hand-over to the Region's aids.
 *
 * @param leaderName the answer « porteur » (the leader's name), else null
 * @param title the project's name (answer « titre »), else the dossier's reference
 * @param summary what the project answers (answers « besoin » or « resume »), else null
 * @param communeCode the answer « commune » (an INSEE code), else null
 * @param email the answer « courriel », else null
 * @param phone the answer « telephone », else null
 */
public record ProjectSelected(
        long dossierId,
        long programmeId,
        String programmeName,
        String reference,
        long applicantId,
        String leaderName,
        String title,
        String summary,
        String communeCode,
        String email,
        String phone,
        Instant selectedAt) {}
