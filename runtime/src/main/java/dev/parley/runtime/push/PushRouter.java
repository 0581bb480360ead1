package dev.parley.runtime.push;

import dev.parley.runtime.delivery.GatewayBatch;
import dev.parley.runtime.store.redis.OnlineRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pure routing: given stored messages, their recipients and where those recipients are online,
 * the batch each gateway instance must receive. A gateway with none of the recipients gets nothing.
 */
public final class PushRouter {

    private PushRouter() {
    }

    /** A stored message and the users it is for (the sender included, for its echo and other devices). */
    public record Routed(String conversationId, String operationId, byte[] msg, Collection<String> recipients) {
    }

    public static Set<String> recipientsOf(List<Routed> messages) {
        Set<String> users = new LinkedHashSet<>();
        messages.forEach(m -> users.addAll(m.recipients()));
        return users;
    }

    public static Map<String, GatewayBatch> route(List<Routed> messages, Map<String, List<OnlineRegistry.Session>> sessions) {
        Map<String, List<GatewayBatch.Push>> byGateway = new LinkedHashMap<>();
        for (Routed m : messages) {
            Map<String, List<String>> connectionsByGateway = new LinkedHashMap<>();
            for (String userId : m.recipients()) {
                for (OnlineRegistry.Session s : sessions.getOrDefault(userId, List.of())) {
                    connectionsByGateway.computeIfAbsent(s.gatewayInstance(), g -> new ArrayList<>()).add(s.connectionId());
                }
            }
            connectionsByGateway.forEach((gateway, connections) -> byGateway.computeIfAbsent(gateway, g -> new ArrayList<>())
                    .add(new GatewayBatch.Push(connections, m.operationId(), m.conversationId(), m.msg())));
        }
        Map<String, GatewayBatch> batches = new LinkedHashMap<>();
        byGateway.forEach((gateway, pushes) -> batches.put(gateway, new GatewayBatch(pushes, List.of())));
        return batches;
    }
}
