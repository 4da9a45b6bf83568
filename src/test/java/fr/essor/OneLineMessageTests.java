package fr.essor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A visitor's line break cannot forge a line of the security log. */
class OneLineMessageTests {

    @Test
    void controlCharactersAreEscapedAndOrdinaryTextKept() {
        assertThat(OneLineMessage.escape("sign-in failed from 10.0.0.1\n2026-11-30 INFO account 1 signed in"))
                .isEqualTo("sign-in failed from 10.0.0.1\\n2026-11-30 INFO account 1 signed in");
        assertThat(OneLineMessage.escape("a\r\u001b[31mb\u2028c")).isEqualTo("a\\r\\u001b[31mb\\u2028c");
        assertThat(OneLineMessage.escape("Économie sociale\tet solidaire")).isEqualTo("Économie sociale\tet solidaire");
    }

    @Test
    void theConsoleLogWritesAForgedLineOnTheSameLine() {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // the console appender writes to the System.out of its start: a fresh configuration picks up ours
        System.setOut(new PrintStream(out, true));
        try {
            var context = (ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory();
            context.reset();
            var configurator = new ch.qos.logback.classic.joran.JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(getClass().getResource("/logback-spring.xml"));
            LoggerFactory.getLogger("essor.security")
                    .warn("sign-in failed from {}", "x\nFAKE INFO account 1 signed in");
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        } finally {
            System.setOut(before);
        }
        String written = out.toString();
        assertThat(written).contains("sign-in failed from x\\nFAKE INFO account 1 signed in");
        assertThat(written.lines().filter(l -> l.contains("FAKE INFO"))).hasSize(1);
    }
}
