package dev.parley.runtime.transfer;

import dev.parley.runtime.config.ParleyConfig;
import dev.parley.runtime.delivery.ConversationMembers;
import dev.parley.runtime.kafka.KafkaClients;
import dev.parley.runtime.kafka.PartitionLoop;
import dev.parley.runtime.store.mongo.InboxStore;
import dev.parley.runtime.store.mongo.SyncLibrary;
import dev.parley.runtime.store.redis.SeqCounters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The transfer role: consumes the messages topic (one owner per partition, so per conversation),
 * stores each batch, then produces the stored messages to the push topic and the unprocessable
 * ones to the dead-letter topic, and only then lets the loop commit the offsets.
 */
@ApplicationScoped
public class TransferService {

    private final ParleyConfig config;
    private final KafkaClients kafka;
    private final TransferBatch batch;
    private final List<PartitionLoop> loops = new ArrayList<>();
    private final AtomicLong lag = new AtomicLong();
    private final Counter stored;
    private final Counter redelivered;
    private final Counter deadLettered;
    private Producer<String, byte[]> producer;

    public TransferService(ParleyConfig config, KafkaClients kafka, SeqCounters seqCounters, SyncLibrary syncLibrary,
            InboxStore inbox, ConversationMembers members, MeterRegistry metrics) {
        this.config = config;
        this.kafka = kafka;
        this.batch = new TransferBatch(seqCounters, syncLibrary, inbox, members);
        this.stored = metrics.counter("parley.messages.stored");
        this.redelivered = metrics.counter("parley.messages.redelivered");
        this.deadLettered = metrics.counter("parley.messages.dead.lettered");
        metrics.gauge("parley.consumer.lag", List.of(io.micrometer.core.instrument.Tag.of("group", config.kafka().groupPrefix() + "-transfer")), lag);
    }

    void start(@Observes StartupEvent event) {
        if (!config.role().runsTransfer()) {
            return;
        }
        producer = kafka.producer("parley-transfer");
        for (int i = 0; i < config.transfer().consumers(); i++) {
            PartitionLoop loop = new PartitionLoop("transfer-" + i,
                    kafka.consumer(config.kafka().groupPrefix() + "-transfer", "parley-transfer-" + i, config.transfer().maxPollRecords()),
                    config.kafka().topic().messages(), this::handle, lag);
            loops.add(loop);
            Thread thread = new Thread(loop, "parley-transfer-" + i);
            thread.setDaemon(true);
            thread.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        loops.forEach(PartitionLoop::stop);
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    private void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        TransferBatch.Result result = batch.process(records);
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        String pushTopic = config.kafka().topic().push();
        for (TransferBatch.Outcome outcome : result.stored()) {
            ProducerRecord<String, byte[]> push = new ProducerRecord<>(pushTopic, outcome.stored().conversationId(), outcome.stored().msg().toByteArray());
            push.headers().add(KafkaClients.OPERATION_ID, KafkaClients.bytes(outcome.operationId()));
            if (!outcome.recipients().isEmpty()) {
                push.headers().add(KafkaClients.RECIPIENTS, KafkaClients.bytes(outcome.recipients()));
            }
            acks.add(producer.send(push));
        }
        for (TransferBatch.DeadLetter dead : result.deadLetters()) {
            ConsumerRecord<String, byte[]> r = dead.record();
            ProducerRecord<String, byte[]> letter = new ProducerRecord<>(config.kafka().topic().deadLetter(), r.key(), r.value());
            r.headers().forEach(h -> letter.headers().add(h));
            letter.headers().add(KafkaClients.DEAD_LETTER_REASON, KafkaClients.bytes(dead.reason()));
            letter.headers().add(KafkaClients.DEAD_LETTER_SOURCE, KafkaClients.bytes(r.topic() + "/" + r.partition() + "@" + r.offset()));
            acks.add(producer.send(letter));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
        long duplicates = result.stored().stream().filter(o -> o.stored().duplicate()).count();
        stored.increment(result.stored().size() - duplicates);
        redelivered.increment(duplicates);
        deadLettered.increment(result.deadLetters().size());
    }
}
