package fr.essor.shared;

import java.util.regex.Pattern;

/** What every form accepts as an e-mail address: one @, a dotted domain, 254 characters at most. */
public final class EmailAddresses {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

    private EmailAddresses() {}

    public static boolean valid(String address) {
        return address != null
                && address.length() <= 254
                && EMAIL.matcher(address).matches();
    }
}
