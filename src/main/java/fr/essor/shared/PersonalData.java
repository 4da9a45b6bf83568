package fr.essor.shared;

import java.util.List;
import java.util.Map;

/**
 * What a module keeps about a person known by their address, for the right of access and the right to
 * erasure (GDPR art. 15 and 17). Each module that stores an address implements it over its own tables;
 * the privacy pages gather them all. Erasure keeps what statistics need, without the person.
 */
public interface PersonalData {

    /** A short name of what is kept (a key of the export). */
    String category();

    /** Everything kept about this address, as rows of named values. */
    List<Map<String, Object>> export(String email);

    /** Erases (or makes anonymous) everything kept about this address; returns how many rows. */
    int erase(String email);
}
