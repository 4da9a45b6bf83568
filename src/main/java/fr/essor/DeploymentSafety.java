package fr.essor;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Safe by default: Essor run as a deployment — its public address ({@code essor.public-url}) is not on
 * this machine, or the {@code production} profile is active — never loads the demonstration, whose
 * accounts have published passwords and second-factor keys and whose local mailbox shows mails,
 * whatever {@code essor.demo.enabled} says. Behind {@code https}, session cookies are {@code Secure}.
 * On a newcomer's own machine ({@code http://localhost:8080}, the default), nothing changes.
 */
public class DeploymentSafety implements EnvironmentPostProcessor, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentSafety.class);

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String publicUrl = environment.getProperty("essor.public-url", "http://localhost:8080");
        Map<String, Object> forced = new HashMap<>();
        if (isDeployment(publicUrl, environment.getActiveProfiles())) {
            if (environment.getProperty("essor.demo.enabled", Boolean.class, false)) {
                LOG.warn("Déploiement ({}) : les données et comptes de démonstration ne sont pas chargés.", publicUrl);
            }
            forced.put("essor.demo.enabled", "false");
            forced.put("essor.observatory.demo.enabled", "false");
        }
        if (publicUrl.toLowerCase(Locale.ROOT).startsWith("https:")) {
            forced.put("server.servlet.session.cookie.secure", "true");
        }
        if (!forced.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("essorDeploymentSafety", forced));
        }
    }

    /** Whether Essor serves others than the person at this machine. */
    static boolean isDeployment(String publicUrl, String[] profiles) {
        if (Arrays.asList(profiles).contains("production")) {
            return true;
        }
        String host;
        try {
            host = URI.create(publicUrl.strip()).getHost();
        } catch (IllegalArgumentException ex) {
            return true;
        }
        if (host == null) {
            return true;
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return false;
        }
        try {
            // a literal address only: no name is looked up
            return !(bare.matches("[0-9.]+") || bare.contains(":"))
                    || !InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException ex) {
            return true;
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
