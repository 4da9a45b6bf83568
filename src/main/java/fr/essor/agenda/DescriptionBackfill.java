package fr.essor.agenda;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Renders the HTML of descriptions written before it was stored (or loaded by SQL, as the benchmark's
 * generator does), in batches, once at start-up; a no-op when every row has it.
 */
@Component
class DescriptionBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DescriptionBackfill.class);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;

    DescriptionBackfill(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        int total = 0;
        while (true) {
            List<Object[]> rows = jdbc.sql("select id, description from agenda.event "
                            + "where description_html = '' and description <> '' order by id limit ?")
                    .param(BATCH)
                    .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)})
                    .list();
            if (rows.isEmpty()) {
                break;
            }
            for (Object[] row : rows) {
                String html = Markdown.toSafeHtml((String) row[1]);
                // the sequence trigger ignores this column: calendars see no change
                jdbc.sql("update agenda.event set description_html = ? where id = ?")
                        .params(html.isEmpty() ? " " : html, row[0])
                        .update();
            }
            total += rows.size();
        }
        if (total > 0) {
            log.info("Descriptions rendered in HTML for {} events", total);
        }
    }
}
