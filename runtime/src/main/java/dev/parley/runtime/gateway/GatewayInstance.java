package dev.parley.runtime.gateway;

import dev.parley.runtime.config.ParleyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** This gateway's name in the online registry; unique per process so a restart is a new instance. */
@ApplicationScoped
public class GatewayInstance {
    private final String id;

    public GatewayInstance(ParleyConfig config) {
        String host = System.getenv().getOrDefault("HOSTNAME", "local");
        this.id = config.gateway().instanceId().orElse(host + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public String id() {
        return id;
    }
}
