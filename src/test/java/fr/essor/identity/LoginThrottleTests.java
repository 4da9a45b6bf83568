package fr.essor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Attempts are counted per IPv4 address and per IPv6 /64 network. */
class LoginThrottleTests {

    @Test
    void countsIpv6AddressesByTheirNetwork() {
        assertThat(LoginThrottle.addressKey("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(LoginThrottle.addressKey("2001:db8:1:2:aaaa::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(LoginThrottle.addressKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(LoginThrottle.addressKey("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
        assertThat(LoginThrottle.addressKey(null)).isEqualTo("unknown");
    }
}
