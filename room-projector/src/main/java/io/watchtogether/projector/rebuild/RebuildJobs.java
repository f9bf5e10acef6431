package io.watchtogether.projector.rebuild;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Rebuilds started from the admin endpoint, run one at a time on a background thread; remembers the last few
 * so their outcome can still be read.
 */
@Component
public class RebuildJobs implements DisposableBean {

    private static final int REMEMBERED = 20;

    private final ReadModelRebuild rebuild;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, RebuildProgress> jobs = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RebuildProgress> eldest) {
            return size() > REMEMBERED;
        }
    };

    public RebuildJobs(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    /**
     * Starts a rebuild unless one runs (here, or anywhere: the Redis lock says so).
     *
     * @throws AlreadyRunning naming the running rebuild
     */
    public synchronized RebuildProgress start() {
        for (RebuildProgress job : jobs.values()) {
            if (job.status().running()) {
                throw new AlreadyRunning(job.id());
            }
        }
        rebuild.runningElsewhere().ifPresent(owner -> {
            throw new AlreadyRunning(owner);
        });
        RebuildProgress progress = RebuildProgress.next();
        jobs.put(progress.id(), progress);
        runner.execute(() -> {
            try {
                rebuild.run(progress);
            } catch (RebuildException e) {
                // Logged by the rebuild and recorded in its progress.
            }
        });
        return progress;
    }

    public synchronized Optional<RebuildProgress> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }

    /** A rebuild is already running; {@link #getMessage()} is its id. */
    public static final class AlreadyRunning extends RuntimeException {
        AlreadyRunning(String id) {
            super(id);
        }
    }
}
