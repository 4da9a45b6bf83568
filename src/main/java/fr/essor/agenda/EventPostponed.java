package fr.essor.agenda;

import java.util.UUID;

/**
 * A public event was postponed by its organizer, without a new date yet.
 *
 * @param changeId unique to this change, so that a listener handles it once however often it is delivered
 * @param reason the reason shown to the public
 */
public record EventPostponed(UUID changeId, long eventId, String title, String reason) {}
