package fr.essor.observatory;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** Imports started from the web interface: one at a time, in the background, followed by the admin page. */
@Component
public class ImportJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    /** What the admin page shows of the current or last import started from the web. */
    public record Status(
            String month, String phase, double progress, boolean running, String error, ImportReport report) {

        public long percent() {
            return Math.round(progress * 100);
        }
    }

    private final Observatory observatory;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "observatory-import");
        t.setDaemon(true);
        return t;
    });
    private volatile Status status;

    ImportJobs(Observatory observatory) {
        this.observatory = observatory;
    }

    public Status status() {
        return status;
    }

    /** Starts an import unless one is running; false when one is. */
    public synchronized boolean start(String month, Path units, Path establishments) {
        if (status != null && status.running()) {
            return false;
        }
        status = new Status(month, "En attente", 0, true, null, null);
        executor.submit(() -> {
            ImportProgress progress = new ImportProgress() {
                @Override
                public void phase(String name) {
                    status = new Status(month, name, 0, true, null, null);
                }

                @Override
                public void progress(double fraction) {
                    Status s = status;
                    status = new Status(month, s.phase(), fraction, true, null, null);
                }
            };
            try {
                ImportReport report = observatory.importVintage(month, units, establishments, false, progress);
                status = new Status(month, "Terminé", 1, false, null, report);
            } catch (ImportFailure failure) {
                status = new Status(month, "Refusé", 0, false, failure.getMessage(), null);
            } catch (RuntimeException | Error ex) {
                log.error("Observatory import of {} failed", month, ex);
                status = new Status(month, "Refusé", 0, false, "L'import a échoué : " + ex.getMessage(), null);
            }
        });
        return true;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
