package fr.essor.observatory;

import java.time.Instant;

/**
 * A published import of the SIRENE stock files of a month.
 *
 * @param month {@code YYYY-MM}
 * @param demo generated demonstration data, never to be shown as real figures
 */
public record Vintage(long id, String month, boolean demo, Instant publishedAt) {}
