package fr.essor.agenda.store;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Builds the agenda's search index at start, before the other runners (the demonstration's events). */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class EventIndexBuild implements ApplicationRunner {

    private final EventIndex index;

    EventIndexBuild(EventIndex index) {
        this.index = index;
    }

    @Override
    public void run(ApplicationArguments args) {
        index.build();
    }
}
