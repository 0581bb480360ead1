package dev.parley.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.List;

/** What differs between the managed stores' containers; everything else is shared by {@link StatefulStores}. */
public record StoreContainer(List<String> args, List<EnvVar> env, String dataPath, Probe readiness, Probe liveness) {
}
