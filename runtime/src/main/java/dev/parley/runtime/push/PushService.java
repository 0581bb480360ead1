package dev.parley.runtime.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.runtime.config.ParleyConfig;
import dev.parley.runtime.delivery.ConversationMembers;
import dev.parley.runtime.delivery.GatewayBatch;
import dev.parley.runtime.kafka.KafkaClients;
import dev.parley.runtime.kafka.PartitionLoop;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.store.redis.OnlineRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The push role: consumes stored messages from the push topic, looks their recipients up in the
 * online registry (one pipelined read per batch) and publishes to exactly the gateway instances
 * that hold them. Push is best effort; a message that cannot be pushed is still pulled on sync.
 */
@ApplicationScoped
public class PushService {
    private static final Logger LOG = Logger.getLogger(PushService.class);

    private final ParleyConfig config;
    private final KafkaClients kafka;
    private final OnlineRegistry registry;
    private final ConversationMembers members;
    private final ObjectMapper json;
    private final AtomicLong lag = new AtomicLong();
    private final Counter pushed;
    private PartitionLoop loop;

    public PushService(ParleyConfig config, KafkaClients kafka, OnlineRegistry registry, ConversationMembers members,
            ObjectMapper json, MeterRegistry metrics) {
        this.config = config;
        this.kafka = kafka;
        this.registry = registry;
        this.members = members;
        this.json = json;
        this.pushed = metrics.counter("parley.messages.pushed");
        metrics.gauge("parley.consumer.lag", List.of(io.micrometer.core.instrument.Tag.of("group", config.kafka().groupPrefix() + "-push")), lag);
    }

    void start(@Observes StartupEvent event) {
        if (!config.role().runsPush()) {
            return;
        }
        loop = new PartitionLoop("push", kafka.consumer(config.kafka().groupPrefix() + "-push", "parley-push", 500), config.kafka().topic().push(), this::handle, lag);
        Thread thread = new Thread(loop, "parley-push");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.stop();
        }
    }

    private void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<PushRouter.Routed> messages = new ArrayList<>(records.size());
        ConversationMembers.Resolver audiences = members.resolver();
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                MsgData msg = MsgData.parseFrom(r.value());
                messages.add(new PushRouter.Routed(r.key(), KafkaClients.header(r.headers(), KafkaClients.OPERATION_ID),
                        r.value(), audiences.audience(r.key(), msg, KafkaClients.header(r.headers(), KafkaClients.RECIPIENTS)).recipients()));
            } catch (Exception e) {
                // The message is stored (the transfer wrote it before producing this); clients pull it on sync.
                LOG.warnf("push record %s/%d@%d skipped, clients get it on sync: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
            }
        }
        Map<String, List<OnlineRegistry.Session>> sessions = registry.sessionsOf(PushRouter.recipientsOf(messages));
        Map<String, GatewayBatch> batches = PushRouter.route(messages, sessions);
        Map<String, String> payloads = new LinkedHashMap<>();
        for (var e : batches.entrySet()) {
            payloads.put(e.getKey(), json.writeValueAsString(e.getValue()));
        }
        registry.publish(payloads);
        pushed.increment(messages.size());
    }
}
