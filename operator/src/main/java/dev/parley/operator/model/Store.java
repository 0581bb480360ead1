package dev.parley.operator.model;

import dev.parley.operator.crd.ImClusterSpec;
import dev.parley.operator.crd.StoreSpec;

/** The backing stores the operator can run as StatefulSets. */
public enum Store {
    REDIS("redis", 6379),
    MONGODB("mongodb", 27017),
    MYSQL("mysql", 3306);

    private final String value;
    private final int port;

    Store(String value, int port) {
        this.value = value;
        this.port = port;
    }

    public String value() {
        return value;
    }

    public int port() {
        return port;
    }

    public StoreSpec spec(ImClusterSpec spec) {
        return switch (this) {
            case REDIS -> spec.getRedis();
            case MONGODB -> spec.getMongodb();
            case MYSQL -> spec.getMysql();
        };
    }
}
