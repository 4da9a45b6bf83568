package fr.essor.calls;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention of dossiers: a decided dossier (accepted, refused, closed) is deleted with everything it
 * holds — moves, letters, audit trail, annotations, messages, expert opinions, graces — once its
 * programme's retention period has passed since its decision; a draft is deleted a year after its call
 * closed (or after its last grace). Documents stay in their vault, which belongs to the structure (or the
 * person: erased with their account). Runs every night on one instance at a time.
 */
@Component
class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    static final Duration DRAFTS_AFTER_CLOSING = Duration.ofDays(365);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    Retention(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** Deletes what is past its retention; returns how many dossiers (0 when another instance purges). */
    @Scheduled(cron = "${essor.calls.purge-cron:0 47 3 * * *}", zone = "Europe/Paris")
    int purge() {
        Integer purged = tx.execute(status -> {
            if (!jdbc.sql("select pg_try_advisory_xact_lock(hashtext('essor.calls.purge'))")
                    .query(Boolean.class)
                    .single()) {
                return 0;
            }
            Timestamp now = Timestamp.from(clock.instant());
            List<Long> due = jdbc.sql("""
                    select d.id from calls.dossier d join calls.programme p on p.id = d.programme_id
                    where (d.state in ('ACCEPTED', 'REFUSED', 'CLOSED')
                           and d.decided_at + make_interval(months => p.retention_months) < ?)
                       or (d.state = 'DRAFT' and p.closes_at + ?::interval < ?
                           and not exists (select 1 from calls.grace g where g.dossier_id = d.id
                                           and g.until + ?::interval >= ?))
                    limit 10000""")
                    .params(
                            now,
                            DRAFTS_AFTER_CLOSING.toDays() + " days",
                            now,
                            DRAFTS_AFTER_CLOSING.toDays() + " days",
                            now)
                    .query(Long.class)
                    .list();
            if (due.isEmpty()) {
                return 0;
            }
            Long[] ids = due.toArray(Long[]::new);
            jdbc.sql("select set_config('essor.calls_purge', 'on', true)")
                    .query(String.class)
                    .single();
            // the module's tables that hold a dossier's parts
            for (String table :
                    List.of("annotation", "message", "expert", "grace", "letter", "dossier_transition", "audit")) {
                jdbc.sql("delete from calls." + table + " where dossier_id = any(?)")
                        .param(ids)
                        .update();
            }
            return jdbc.sql("delete from calls.dossier where id = any(?)")
                    .param(ids)
                    .update();
        });
        if (purged != null && purged > 0) {
            LOG.info("{} dossiers past their retention deleted", purged);
        }
        return purged == null ? 0 : purged;
    }
}
