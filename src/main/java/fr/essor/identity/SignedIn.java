package fr.essor.identity;

import java.util.Optional;

import org.springframework.security.core.Authentication;

/** Who is signed in, for the pages open to all that change with the visitor. */
public final class SignedIn {

    private SignedIn() {}

    /**
     * The person signed in with every factor they need, if any. A session that gave the password but not
     * yet the second factor is anonymous.
     */
    public static Optional<Person> person(Authentication auth) {
        if (auth == null || !(auth.getPrincipal() instanceof Person person) || SignIn.pending(auth)) {
            return Optional.empty();
        }
        return Optional.of(person);
    }
}
