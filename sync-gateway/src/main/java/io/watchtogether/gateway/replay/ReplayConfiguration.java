package io.watchtogether.gateway.replay;

import io.watchtogether.readmodel.history.RoomHistoryReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

@Configuration(proxyBeanMethods = false)
class ReplayConfiguration {

    static final String REPLAY_SCHEDULER = "replayScheduler";

    @Bean
    RoomHistoryReader roomHistoryReader(MongoTemplate mongo, ReplayProperties properties) {
        return new RoomHistoryReader(mongo.getCollection(properties.historyCollection()));
    }

    /** Times the events of every replay: a replay waiting for its next event is a scheduled task, not a thread. */
    @Bean(name = REPLAY_SCHEDULER, destroyMethod = "shutdownNow")
    ScheduledExecutorService replayScheduler(ReplayProperties properties) {
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(properties.threads(), task -> {
            Thread thread = new Thread(task, "replay-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // A cancelled replay's pending step should not linger in the queue until its time comes.
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
