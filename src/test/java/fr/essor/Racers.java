package fr.essor;

import java.sql.SQLException;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * How many threads a race on the real database may run at once in a test context of the default pool. The
 * pool waits at most 2 s for a connection (to fail fast under load); more racing threads than connections
 * would only queue for one, and on a slow machine past that wait, failing a test whose subject is the race.
 */
public final class Racers {

    private Racers() {}

    /** The pool's size less two connections for the application's own work (event publication, polling). */
    public static int besideTheApplication(DataSource dataSource) throws SQLException {
        return Math.max(4, dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize() - 2);
    }
}
