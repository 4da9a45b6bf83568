package fr.essor.agenda;

import java.util.UUID;

/**
 * A cancelled or postponed event takes place again as announced.
 *
 * @param changeId unique to this change, so that a listener handles it once however often it is delivered
 */
public record EventRescheduled(UUID changeId, long eventId, String title) {}
