package fr.essor;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Essor, the digital platform of a region's social and solidarity economy (ESS).
 *
 * <p>A modular monolith: each direct sub-package is a business module whose root package is its API.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "Essor")
@EnableScheduling
public class EssorApplication {

    /** Time zone of every date shown or computed: the platform serves French regions. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    public static void main(String[] args) {
        SpringApplication.run(EssorApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.system(ZONE);
    }
}
