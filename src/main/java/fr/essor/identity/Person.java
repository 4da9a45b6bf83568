package fr.essor.identity;

import java.io.Serial;
import java.io.Serializable;
import java.util.Set;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * A signed-in person as the other modules see them: who they are and what they may moderate. Kept in
 * the session; its name is the account id, so that a change of address does not lose the sessions.
 *
 * @param regions the regions they moderate (codes)
 * @param departements the départements they moderate as a territorial relay (codes)
 */
public record Person(
        long id, String email, String displayName, boolean admin, Set<String> regions, Set<String> departements)
        implements AuthenticatedPrincipal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public Person {
        regions = Set.copyOf(regions);
        departements = Set.copyOf(departements);
    }

    @Override
    public String getName() {
        return String.valueOf(id);
    }

    public boolean moderator() {
        return !regions.isEmpty() || !departements.isEmpty();
    }

    /** Whether they moderate what happens in this département (of this region). */
    public boolean moderates(String regionCode, String departementCode) {
        return (regionCode != null && regions.contains(regionCode))
                || (departementCode != null && departements.contains(departementCode));
    }

    /** Moderators and admins must prove a second factor. */
    public boolean needsSecondFactor() {
        return admin || moderator();
    }
}
