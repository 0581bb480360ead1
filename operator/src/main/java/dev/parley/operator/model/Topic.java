package dev.parley.operator.model;

import dev.parley.operator.crd.KafkaSpec;

/** The Kafka topics the runtime uses. */
public enum Topic {
    MESSAGES("messages"),
    PUSH("push"),
    DEAD_LETTER("dead-letter");

    private final String suffix;

    Topic(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    public String topicName(KafkaSpec kafka) {
        return switch (this) {
            case MESSAGES -> kafka.getMessagesTopic();
            case PUSH -> kafka.getPushTopic();
            case DEAD_LETTER -> kafka.getDeadLetterTopic();
        };
    }

    /** Messages and push scale with the partitions; dead letters are rare and ordered enough in one. */
    public int partitions(int clusterPartitions) {
        return this == DEAD_LETTER ? 1 : clusterPartitions;
    }
}
