package fr.essor.calls;

import java.time.Instant;

/**
 * A dossier was submitted to a programme, before its closing instant.
 *
 * @param structureId the structure it applies for, null for a project leader
 */
public record DossierSubmitted(
        long dossierId, long programmeId, String reference, long applicantId, Long structureId, Instant at) {}
