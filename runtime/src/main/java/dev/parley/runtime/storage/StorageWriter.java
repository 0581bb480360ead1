package dev.parley.runtime.storage;

import dev.parley.runtime.config.ParleyConfig;
import dev.parley.runtime.kafka.KafkaClients;
import dev.parley.runtime.kafka.PartitionLoop;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.store.mysql.StorageLibrary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Copies every stored message into the storage library (MySQL), asynchronously and in batches,
 * from the push topic with its own consumer group. A MySQL outage stalls it (the loop retries the
 * batch from its first offset) and grows its lag; it never skips a message.
 */
@ApplicationScoped
public class StorageWriter {
    private final ParleyConfig config;
    private final KafkaClients kafka;
    private final StorageLibrary storage;
    private final AtomicLong lag = new AtomicLong();
    private final Counter archived;
    private PartitionLoop loop;

    public StorageWriter(ParleyConfig config, KafkaClients kafka, StorageLibrary storage, MeterRegistry metrics) {
        this.config = config;
        this.kafka = kafka;
        this.storage = storage;
        this.archived = metrics.counter("parley.messages.archived");
        metrics.gauge("parley.consumer.lag", List.of(Tag.of("group", config.kafka().groupPrefix() + "-storage")), lag);
    }

    void start(@Observes StartupEvent event) {
        if (!config.role().runsTransfer()) {
            return;
        }
        loop = new PartitionLoop("storage", kafka.consumer(config.kafka().groupPrefix() + "-storage", "parley-storage", 1000),
                config.kafka().topic().push(), this::handle, lag);
        Thread thread = new Thread(loop, "parley-storage");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.stop();
        }
    }

    private void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        String[] conversationIds = new String[records.size()];
        List<MsgData> msgs = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> r : records) {
            conversationIds[msgs.size()] = r.key();
            // The transfer produced these after storing them, so they always decode.
            msgs.add(MsgData.parseFrom(r.value()));
        }
        storage.store(conversationIds, msgs);
        archived.increment(msgs.size());
    }
}
