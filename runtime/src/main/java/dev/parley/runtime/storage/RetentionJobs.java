package dev.parley.runtime.storage;

import dev.parley.runtime.config.ParleyConfig;
import dev.parley.runtime.store.mongo.SyncLibrary;
import dev.parley.runtime.store.mysql.StorageLibrary;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Keeps the tiers to their windows: trims the sync library (MongoDB) to the hot window, deleting
 * only messages the storage library already holds, and applies the cold retention to MySQL.
 * The runtime does this itself: a TTL index alone would delete messages not yet archived.
 */
@ApplicationScoped
public class RetentionJobs {
    private static final Logger LOG = Logger.getLogger(RetentionJobs.class);
    private static final int BATCH = 1000;
    private static final int MAX_BATCHES_PER_RUN = 50;

    private final ParleyConfig config;
    private final SyncLibrary syncLibrary;
    private final StorageLibrary storageLibrary;

    public RetentionJobs(ParleyConfig config, SyncLibrary syncLibrary, StorageLibrary storageLibrary) {
        this.config = config;
        this.syncLibrary = syncLibrary;
        this.storageLibrary = storageLibrary;
    }

    @Scheduled(every = "${parley.retention.check-every}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!config.role().runsTransfer()) {
            return;
        }
        try {
            long now = System.currentTimeMillis();
            long trimmed = trimHotWindow(now - config.retention().hot().toMillis());
            long expired = config.retention().cold().isZero() ? 0 : expireColdBefore(now - config.retention().cold().toMillis());
            if (trimmed > 0 || expired > 0) {
                LOG.infof("retention: %d messages left the hot window, %d expired from the storage library", trimmed, expired);
            }
        } catch (RuntimeException e) {
            LOG.warnf("retention run failed, next run retries: %s", e.getMessage());
        }
    }

    /** Deletes from MongoDB the messages sent before the cutoff that MySQL already holds; returns how many. */
    public long trimHotWindow(long cutoffMillis) {
        long trimmed = 0;
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            List<SyncLibrary.Key> candidates = syncLibrary.sentBefore(cutoffMillis, BATCH);
            if (candidates.isEmpty()) {
                break;
            }
            Map<String, List<Long>> byConversation = new LinkedHashMap<>();
            candidates.forEach(k -> byConversation.computeIfAbsent(k.conversationId(), c -> new ArrayList<>()).add(k.seq()));
            Set<String> archived = storageLibrary.storedOf(byConversation);
            List<SyncLibrary.Key> safe = candidates.stream().filter(k -> archived.contains(k.conversationId() + ":" + k.seq())).toList();
            trimmed += syncLibrary.delete(safe);
            if (safe.size() < candidates.size()) {
                break; // the rest is not archived yet: leave it for a later run
            }
        }
        return trimmed;
    }

    public long expireColdBefore(long cutoffMillis) {
        long expired = 0;
        int n;
        do {
            n = storageLibrary.deleteOlderThan(cutoffMillis, BATCH);
            expired += n;
        } while (n == BATCH);
        return expired;
    }
}
