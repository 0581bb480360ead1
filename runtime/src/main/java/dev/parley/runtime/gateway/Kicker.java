package dev.parley.runtime.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.runtime.delivery.GatewayBatch;
import dev.parley.runtime.store.redis.OnlineRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sends kicks (frame 2002, then close) to the gateways holding the given sessions. */
@ApplicationScoped
public class Kicker {
    private final OnlineRegistry registry;
    private final ObjectMapper json;

    public Kicker(OnlineRegistry registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
    }

    public void kick(List<OnlineRegistry.Session> sessions, String reason) {
        Map<String, List<GatewayBatch.Kick>> byGateway = new LinkedHashMap<>();
        sessions.forEach(s -> byGateway.computeIfAbsent(s.gatewayInstance(), g -> new ArrayList<>())
                .add(new GatewayBatch.Kick(s.connectionId(), reason)));
        Map<String, String> payloads = new LinkedHashMap<>();
        byGateway.forEach((gateway, kicks) -> {
            try {
                payloads.put(gateway, json.writeValueAsString(new GatewayBatch(List.of(), kicks)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
        registry.publish(payloads);
    }
}
