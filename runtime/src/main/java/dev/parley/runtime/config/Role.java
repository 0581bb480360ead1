package dev.parley.runtime.config;

/** The roles one runtime process can play; {@code all} runs every role in one JVM. */
public enum Role {
    gateway, transfer, push, all;

    public boolean runsGateway() {
        return this == gateway || this == all;
    }

    public boolean runsTransfer() {
        return this == transfer || this == all;
    }

    public boolean runsPush() {
        return this == push || this == all;
    }
}
