package fr.essor.observatory;

import java.util.List;

/**
 * A vintage of the SIRENE stock files was published: its figures replace those of the same month.
 * Published synchronously inside the transaction that publishes the vintage, so that a module keeping
 * a copy of the vintage's establishments (prepared on {@link VintageExtracted}) switches to it in the
 * same transaction, or makes it fail.
 *
 * @param vintageId the vintage's id (stable: a re-import of the month is another id)
 * @param replaced the ids of the vintages of the same month it replaces
 * @param count the number of establishments {@link VintageExtracted} gave
 */
public record VintagePublished(long vintageId, String month, boolean demo, List<Long> replaced, long count) {}
