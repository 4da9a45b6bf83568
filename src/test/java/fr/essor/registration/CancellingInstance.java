package fr.essor.registration;

import java.util.concurrent.CountDownLatch;

import fr.essor.EssorApplication;
import fr.essor.agenda.AgendaCommands;
import fr.essor.agenda.EventStatus;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An instance of Essor, in its own process, that cancels one event, says so once the change is
 * committed, then waits to be killed ({@link EventCrashTests}).
 */
final class CancellingInstance {

    private CancellingInstance() {}

    public static void main(String[] args) throws InterruptedException {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(EssorApplication.class)
                .properties(
                        "spring.datasource.url=" + args[0],
                        "spring.datasource.username=postgres",
                        "spring.datasource.password=postgres",
                        "server.port=0",
                        "essor.scheduling.enabled=false",
                        "spring.modulith.events.republish-outstanding-events-on-restart=false",
                        "essor.observatory.demo.enabled=false")
                .run();
        context.getBean(AgendaCommands.class)
                .changeStatus(Long.parseLong(args[1]), EventStatus.CANCELLED, "Annulé juste avant une panne.");
        System.out.println("CHANGE COMMITTED");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
