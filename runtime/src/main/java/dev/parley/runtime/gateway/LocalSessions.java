package dev.parley.runtime.gateway;

import dev.parley.runtime.config.ParleyConfig;
import dev.parley.runtime.store.redis.OnlineRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The connections this gateway holds, and their entries in the online registry. */
@ApplicationScoped
public class LocalSessions {
    private final Map<String, Session> byConnection = new ConcurrentHashMap<>();
    private final OnlineRegistry registry;
    private final GatewayInstance instance;
    private final ParleyConfig config;

    public LocalSessions(OnlineRegistry registry, GatewayInstance instance, ParleyConfig config, MeterRegistry metrics) {
        this.registry = registry;
        this.instance = instance;
        this.config = config;
        metrics.gaugeMapSize("parley.sessions.online", List.of(), byConnection);
    }

    /** A logged-in connection. */
    public record Session(String userId, int platformId, String token, WebSocketConnection connection) {
        OnlineRegistry.Session entry(String gatewayInstance) {
            return new OnlineRegistry.Session(userId, gatewayInstance, connection.id(), platformId, token);
        }
    }

    public void add(Session session) {
        byConnection.put(session.connection().id(), session);
        registry.register(session.entry(instance.id()), config.gateway().presenceTtl());
    }

    public void remove(String connectionId) {
        Session session = byConnection.remove(connectionId);
        if (session == null) {
            return;
        }
        registry.unregister(session.entry(instance.id()));
    }

    public Session get(String connectionId) {
        return byConnection.get(connectionId);
    }

    @Scheduled(every = "${parley.gateway.presence-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        registry.refresh(byConnection.values().stream().map(s -> s.entry(instance.id())).toList(), config.gateway().presenceTtl());
    }
}
