package dev.parley.runtime.kafka;

import dev.parley.runtime.config.ParleyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Builds Parley's Kafka clients: keys are conversation IDs, values protobuf bytes. */
@ApplicationScoped
public class KafkaClients {
    /** Header carrying the operationID of the send, so the push can echo it to the sender. */
    public static final String OPERATION_ID = "operationID";
    /** Header naming a notification's recipients when they differ from the group's current members. */
    public static final String RECIPIENTS = "parley.recipients";
    /** Header on dead-letter records: why the record could not be processed. */
    public static final String DEAD_LETTER_REASON = "parley.reason";
    public static final String DEAD_LETTER_SOURCE = "parley.source";

    private final ParleyConfig config;

    public KafkaClients(ParleyConfig config) {
        this.config = config;
    }

    /** acks=all and idempotence: a record the broker acknowledged is neither lost nor doubled. */
    public Producer<String, byte[]> producer(String clientId) {
        Properties p = base(clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(p);
    }

    /** Manual commits only, after the batch is done; a new group starts from the earliest record. */
    public KafkaConsumer<String, byte[]> consumer(String groupId, String clientId, int maxPollRecords) {
        Properties p = base(clientId);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(p);
    }

    public Properties base(String clientId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", config.kafka().bootstrapServers());
        p.put("client.id", clientId);
        return p;
    }

    public static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
