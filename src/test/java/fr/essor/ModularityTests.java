package fr.essor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The modules keep to their boundaries: no cycles, no use of another module's internals, and no
 * dependency that its {@code package-info.java} does not declare.
 */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(EssorApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void theAgendaKnowsNothingOfWhoPublishesOrMails() {
        ApplicationModule agenda = modules.getModuleByName("agenda").orElseThrow();
        assertThat(agenda.getDirectDependencies(modules)
                        .uniqueModules()
                        .map(ApplicationModule::getName)
                        .toList())
                .doesNotContain("directory", "notification", "publishing", "registration");
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
