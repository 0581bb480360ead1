package dev.parley.runtime.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * A consumer thread that hands each polled batch to a handler and commits only after the handler
 * returned. When the handler fails, the consumer seeks back to the batch's first offsets and polls
 * the same records again after a pause: nothing is skipped, and the group membership stays alive.
 */
public final class PartitionLoop implements Runnable {
    private static final Logger LOG = Logger.getLogger(PartitionLoop.class);

    /** What one role does with a batch; it returns only when the batch is fully handled. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception;
    }

    private final String name;
    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final BatchHandler handler;
    private final AtomicLong lag;
    private volatile boolean running = true;

    public PartitionLoop(String name, KafkaConsumer<String, byte[]> consumer, String topic, BatchHandler handler, AtomicLong lag) {
        this.name = name;
        this.consumer = consumer;
        this.topic = topic;
        this.handler = handler;
        this.lag = lag;
    }

    @Override
    public void run() {
        Duration backoff = Duration.ofMillis(200);
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<String, byte[]> polled = consumer.poll(Duration.ofMillis(500));
                updateLag();
                if (polled.isEmpty()) {
                    continue;
                }
                List<ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>(polled.count());
                polled.forEach(records::add);
                try {
                    handler.handle(records);
                    consumer.commitSync(nextOffsets(records));
                    backoff = Duration.ofMillis(200);
                } catch (WakeupException e) {
                    throw e;
                } catch (Exception e) {
                    LOG.errorf(e, "%s: batch of %d records failed; it will be retried in %d ms", name, records.size(), backoff.toMillis());
                    firstOffsets(records).forEach(consumer::seek);
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
                }
            }
        } catch (WakeupException e) {
            // stop() woke the consumer up: leave the loop.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private void updateLag() {
        long total = 0;
        for (TopicPartition tp : consumer.assignment()) {
            total += consumer.currentLag(tp).orElse(0);
        }
        lag.set(total);
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            offsets.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return offsets;
    }

    private static Map<TopicPartition, Long> firstOffsets(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            offsets.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        return offsets;
    }
}
