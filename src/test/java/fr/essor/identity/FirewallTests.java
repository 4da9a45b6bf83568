package fr.essor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import fr.essor.HttpTestSupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The firewall's checks of names and values, written as loops, refuse exactly what Spring Security's
 * regular expressions refuse, and the firewall in use is this one.
 */
class FirewallTests extends HttpTestSupport {

    /** Spring Security's own expressions ({@code StrictHttpFirewall}'s defaults). */
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Autowired
    StrictHttpFirewall firewall;

    @Autowired
    FilterChainProxy filters;

    @Test
    void everyCodePointIsJudgedAsByTheRegularExpressions() {
        int refused = 0;
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String one = "a" + Character.toString(c) + "b";
            assertThat(SecurityConfiguration.printable(one, false))
                    .as("U+%04X in a name", c)
                    .isEqualTo(NAMES.matcher(one).matches());
            assertThat(SecurityConfiguration.printable(one, true))
                    .as("U+%04X in a value", c)
                    .isEqualTo(VALUES.matcher(one).matches());
            refused += SecurityConfiguration.printable(one, false) ? 0 : 1;
        }
        // the controls and the unassigned code points: hundreds of thousands, not none
        assertThat(refused).isGreaterThan(65 + 100_000);
        assertThat(SecurityConfiguration.printable("", false)).isTrue();
        assertThat(SecurityConfiguration.printable("économie 🌱", false)).isTrue();
        assertThat(SecurityConfiguration.printable("a\tb", false)).isFalse();
        assertThat(SecurityConfiguration.printable("a\tb", true)).isTrue();
    }

    @Test
    void theFirewallInUseIsThisOneAndRefusesControlCharacters() {
        // Spring MVC's security configuration wraps the filter chain built with the firewall in one of its own
        Object built =
                org.springframework.util.ReflectionUtils.findField(filters.getClass(), "springSecurityFilterChain")
                                == null
                        ? filters
                        : ReflectionTestUtils.getField(filters, "springSecurityFilterChain");
        Object inUse = ReflectionTestUtils.getField(built, "firewall");
        assertThat(inUse).isSameAs(firewall);
        assertThat(get("/api/v1/events?q=%C3%A9conomie").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/events?q%01=economie").statusCode()).isEqualTo(400);
        assertThat(get("/agenda?q%7F=economie").statusCode()).isEqualTo(400);
    }
}
