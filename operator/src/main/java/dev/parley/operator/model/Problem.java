package dev.parley.operator.model;

/** Something that keeps the cluster from matching its spec; surfaces as the Degraded condition. */
public record Problem(String reason, String message) {

    public static final String STRIMZI_NOT_INSTALLED = "StrimziNotInstalled";
    public static final String PARTITION_DECREASE_REFUSED = "PartitionDecreaseRefused";
    public static final String APPLY_FAILED = "ApplyFailed";
}
