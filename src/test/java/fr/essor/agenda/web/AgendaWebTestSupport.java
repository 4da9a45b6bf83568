package fr.essor.agenda.web;

import java.util.Map;

import fr.essor.HttpTestSupport;
import fr.essor.agenda.AgendaFixtures;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/** HTTP tests of the agenda on the hand-checkable 2030 edition, whose events are known by key. */
abstract class AgendaWebTestSupport extends HttpTestSupport {

    @Autowired
    protected AgendaFixtures fixtures;

    /** Ids of the 2030 edition's events by key ("economie", "atelier", "webinaire", "sete", "nantes"). */
    protected Map<String, Long> ids;

    @BeforeEach
    void ensureFixtures() {
        ids = fixtures.ensure();
    }
}
