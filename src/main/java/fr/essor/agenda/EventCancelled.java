package fr.essor.agenda;

import java.util.UUID;

/**
 * A public event was cancelled by its organizer; it stays in the agenda, marked cancelled.
 *
 * @param changeId unique to this change, so that a listener handles it once however often it is delivered
 * @param reason the reason shown to the public
 */
public record EventCancelled(UUID changeId, long eventId, String title, String reason) {}
