package fr.essor.agenda;

import java.util.UUID;

/**
 * An event became public in the agenda (a first version approved by a moderator).
 *
 * @param changeId unique to this change, so that a listener handles it once however often it is delivered
 * @param structureId the structure that publishes it, or {@code null}
 */
public record EventPublished(UUID changeId, long eventId, String title, Long structureId) {}
