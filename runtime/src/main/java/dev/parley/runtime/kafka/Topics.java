package dev.parley.runtime.kafka;

import dev.parley.runtime.config.ParleyConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.jboss.logging.Logger;

/**
 * Makes sure Parley's topics exist before any role produces or consumes: messages and push with
 * the configured partitions (raised, never lowered), dead-letter with one.
 */
@ApplicationScoped
public class Topics {
    private static final Logger LOG = Logger.getLogger(Topics.class);

    private final ParleyConfig config;
    private final KafkaClients clients;

    public Topics(ParleyConfig config, KafkaClients clients) {
        this.config = config;
        this.clients = clients;
    }

    void ensureOnStart(@Observes @Priority(1) StartupEvent event) throws Exception {
        if (config.kafka().createTopics()) {
            ensure();
        }
    }

    public void ensure() throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        var topics = config.kafka().topic();
        int partitions = config.kafka().partitions();
        short replicas = config.kafka().replicationFactor();
        Map<String, Integer> wanted = Map.of(topics.messages(), partitions, topics.push(), partitions, topics.deadLetter(), 1);
        try (Admin admin = Admin.create(clients.base("parley-topics"))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            wanted.forEach((name, count) -> {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, count, replicas));
                }
            });
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                    LOG.infof("created topics %s", missing.stream().map(NewTopic::name).toList());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
            }
            Map<String, TopicDescription> described = admin.describeTopics(wanted.keySet()).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<String, NewPartitions> raise = new HashMap<>();
            described.forEach((name, d) -> {
                int want = wanted.get(name);
                if (d.partitions().size() < want) {
                    raise.put(name, NewPartitions.increaseTo(want));
                } else if (d.partitions().size() > want) {
                    LOG.warnf("topic %s has %d partitions, more than the configured %d; partitions are never lowered",
                            name, d.partitions().size(), want);
                }
            });
            if (!raise.isEmpty()) {
                admin.createPartitions(raise).all().get(30, TimeUnit.SECONDS);
                LOG.infof("raised partitions %s", raise.keySet());
            }
        }
    }
}
