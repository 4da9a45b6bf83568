package fr.essor.publishing;

import java.time.Instant;

import fr.essor.publishing.moderation.Moderation.State;

/**
 * A version of an event, as written by its organizer and moderated.
 *
 * @param eventId the public event it creates or changes; {@code null} until a first version is approved
 * @param structureId the structure it belongs to; {@code null} for an event imported by a relay
 *     without a registered structure
 * @param departementCode where it takes place (or where its structure is, for an event online), which
 *     decides who moderates it
 */
public record Submission(
        long id,
        Long eventId,
        Long structureId,
        long editionId,
        State state,
        EventDraft draft,
        String title,
        Instant firstStart,
        String communeCode,
        String departementCode,
        String regionCode,
        boolean imported,
        long createdBy,
        Instant createdAt,
        Instant updatedAt,
        Instant submittedAt,
        Instant decidedAt) {

    /** A moderation log line or a message of the conversation. */
    public record Entry(
            String kind,
            String action,
            String fromState,
            String toState,
            String role,
            String actorName,
            String message,
            Instant at) {}
}
