package fr.essor.agenda;

import java.time.ZonedDateTime;

/** One date of an event, from start to end, in Europe/Paris. */
public record Occurrence(long id, ZonedDateTime startsAt, ZonedDateTime endsAt) {}
