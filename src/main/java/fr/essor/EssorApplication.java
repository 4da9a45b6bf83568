package fr.essor;

import java.time.Clock;
import java.time.ZoneId;

import fr.essor.observatory.ObservatoryCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Essor, the digital platform of a region's social and solidarity economy (ESS).
 *
 * <p>A modular monolith: each direct sub-package is a business module whose root package is its API.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "Essor")
@EnableAsync
public class EssorApplication {

    /** Time zone of every date shown or computed: the platform serves French regions. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    /**
     * Starts the server, or runs a command: {@code observatory import …} imports a vintage of the SIRENE
     * stock files (see {@link ObservatoryCommand}).
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(ObservatoryCommand.NAME)) {
            System.exit(ObservatoryCommand.run(EssorApplication.class, args));
        }
        SpringApplication.run(EssorApplication.class, args);
    }

    /** Background jobs (mails, reminders, purges), which a command run leaves to the server. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnBooleanProperty(name = "essor.scheduling.enabled", matchIfMissing = true)
    static class Scheduling {}

    @Bean
    Clock clock() {
        return Clock.system(ZONE);
    }
}
