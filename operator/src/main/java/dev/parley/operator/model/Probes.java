package dev.parley.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;

/** Probe shapes shared by the builders. */
final class Probes {

    private Probes() {
    }

    static Probe http(String path, String port, int initialDelaySeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString(port)).endHttpGet()
                .withInitialDelaySeconds(initialDelaySeconds)
                .withPeriodSeconds(10)
                .withTimeoutSeconds(3)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    static Probe tcp(int port, int initialDelaySeconds) {
        return new ProbeBuilder()
                .withNewTcpSocket().withPort(new IntOrString(port)).endTcpSocket()
                .withInitialDelaySeconds(initialDelaySeconds)
                .withPeriodSeconds(10)
                .withTimeoutSeconds(3)
                .withFailureThreshold(6)
                .build();
    }

    static Probe exec(int initialDelaySeconds, String... command) {
        return new ProbeBuilder()
                .withNewExec().withCommand(command).endExec()
                .withInitialDelaySeconds(initialDelaySeconds)
                .withPeriodSeconds(10)
                .withTimeoutSeconds(5)
                .withFailureThreshold(3)
                .build();
    }
}
