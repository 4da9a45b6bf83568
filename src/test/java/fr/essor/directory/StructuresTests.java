package fr.essor.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fr.essor.shared.FieldError;
import fr.essor.shared.InvalidInput;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Registering ESS structures: every field checked on the server, nothing written when one is wrong. */
@SpringBootTest
class StructuresTests {

    @Autowired
    Structures structures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void registersAStructureAndFindsItBySiret() {
        Structure s = structures.register(new Structures.Registration(
                "  SCOP L'Atelier du Bois ",
                "443 061 841 00047",
                LegalFamily.COOPERATIVE,
                "34172",
                "https://atelier-du-bois.example"));
        assertThat(s.name()).isEqualTo("SCOP L'Atelier du Bois");
        assertThat(s.siret().value()).isEqualTo("44306184100047");
        assertThat(structures.bySiret("44306184100047"))
                .get()
                .extracting(Structure::id)
                .isEqualTo(s.id());
        assertThat(structures.find(s.id()))
                .get()
                .extracting(Structure::legalFamily)
                .isEqualTo(LegalFamily.COOPERATIVE);
    }

    @Test
    void rejectsEveryBadFieldAtOnceAndWritesNothing() {
        long before = jdbc.sql("select count(*) from directory.structure")
                .query(Long.class)
                .single();
        var error = catchThrowableOfType(
                InvalidInput.class,
                () -> structures.register(
                        new Structures.Registration(" ", "12345678901234", null, "99999", "javascript:alert(1)")));
        assertThat(error.errors())
                .extracting(FieldError::field)
                .containsExactly("name", "siret", "legalFamily", "communeCode", "website");
        assertThat(jdbc.sql("select count(*) from directory.structure")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void refusesASiretAlreadyRegistered() {
        structures.register(new Structures.Registration(
                "Association Les Jardins", "53055405600016", LegalFamily.ASSOCIATION, "31555", null));
        var error = catchThrowableOfType(
                InvalidInput.class,
                () -> structures.register(new Structures.Registration(
                        "Autre nom", "530 554 056 00016", LegalFamily.ASSOCIATION, "31555", null)));
        assertThat(error.errors()).containsExactly(new FieldError("siret", "structure.error.siret.taken"));
    }
}
