package fr.essor.observatory;

/** Follows an import: its steps, and how far the current one has gone. */
public interface ImportProgress {

    ImportProgress NONE = new ImportProgress() {};

    /** A new step begins. */
    default void phase(String name) {}

    /** The current step is this far (0 to 1). */
    default void progress(double fraction) {}
}
