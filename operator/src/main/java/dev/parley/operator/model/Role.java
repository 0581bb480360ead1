package dev.parley.operator.model;

import dev.parley.operator.crd.ImClusterSpec;
import dev.parley.operator.crd.RoleSpec;

/** The runtime roles; each is one Deployment of the same image with a different PARLEY_ROLE. */
public enum Role {
    GATEWAY("gateway"),
    TRANSFER("transfer"),
    PUSH("push");

    private final String value;

    Role(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public RoleSpec spec(ImClusterSpec spec) {
        return switch (this) {
            case GATEWAY -> spec.getGateway();
            case TRANSFER -> spec.getTransfer();
            case PUSH -> spec.getPush();
        };
    }
}
