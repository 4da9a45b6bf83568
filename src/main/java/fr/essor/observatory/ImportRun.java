package fr.essor.observatory;

import java.time.Instant;

/** An import as the admin page lists it: its state and, once over, its report. */
public record ImportRun(
        long id,
        String month,
        String state,
        boolean demo,
        Instant startedAt,
        Instant finishedAt,
        ImportReport report) {}
