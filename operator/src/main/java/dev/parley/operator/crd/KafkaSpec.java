package dev.parley.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** Kafka carries every message from the gateways to transfer, and from transfer to push. */
public class KafkaSpec {

    public static final int DEFAULT_PARTITIONS = 8;
    public static final String DEFAULT_STORAGE_SIZE = "20Gi";
    public static final String DEFAULT_MESSAGES_TOPIC = "parley-messages";
    public static final String DEFAULT_PUSH_TOPIC = "parley-push";
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "parley-dead-letter";

    @JsonPropertyDescription("Managed: the operator creates Strimzi Kafka, KafkaNodePool and KafkaTopic resources (needs the Strimzi operator). External: Parley uses the brokers named in secretName.")
    @Default("Managed")
    private StoreMode mode = StoreMode.Managed;

    @JsonPropertyDescription("External mode: Secret with key 'bootstrapServers' (host:port[,host:port]).")
    private String secretName;

    @JsonPropertyDescription("Partitions of the messages topic; the upper bound of parallel transfer consumers. Kafka cannot remove partitions, so this may only grow.")
    @Default("8")
    @ValidationRule(value = "self >= 1", message = "kafka.partitions must be >= 1")
    @ValidationRule(value = "self >= oldSelf", message = "kafka.partitions may only grow: Kafka cannot remove partitions")
    private int partitions = DEFAULT_PARTITIONS;

    @JsonPropertyDescription("Number of Kafka nodes (combined broker and controller) in the managed node pool.")
    @Default("1")
    @ValidationRule(value = "self >= 1", message = "kafka.replicas must be >= 1")
    private int replicas = 1;

    @JsonPropertyDescription("Size of each managed Kafka node's persistent volume claim.")
    @Default(DEFAULT_STORAGE_SIZE)
    private String storageSize = DEFAULT_STORAGE_SIZE;

    @JsonPropertyDescription("Storage class of the managed Kafka volumes; the cluster default when unset. Immutable.")
    @ValidationRule(value = "self == oldSelf", message = "kafka.storageClassName is immutable")
    private String storageClassName;

    @JsonPropertyDescription("Kafka version the Strimzi operator runs; its default when unset.")
    private String version;

    @JsonPropertyDescription("CPU and memory requests and limits of each managed Kafka node.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Name of the topic the gateways produce chat messages to.")
    @Default(DEFAULT_MESSAGES_TOPIC)
    private String messagesTopic = DEFAULT_MESSAGES_TOPIC;

    @JsonPropertyDescription("Name of the topic transfer produces stored messages to for push delivery.")
    @Default(DEFAULT_PUSH_TOPIC)
    private String pushTopic = DEFAULT_PUSH_TOPIC;

    @JsonPropertyDescription("Name of the topic records that cannot be stored are sent to, with the reason.")
    @Default(DEFAULT_DEAD_LETTER_TOPIC)
    private String deadLetterTopic = DEFAULT_DEAD_LETTER_TOPIC;

    public boolean managed() {
        return mode != StoreMode.External;
    }

    public StoreMode getMode() {
        return mode;
    }

    public void setMode(StoreMode mode) {
        this.mode = mode;
    }

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public int getReplicas() {
        return replicas;
    }

    public void setReplicas(int replicas) {
        this.replicas = replicas;
    }

    public String getStorageSize() {
        return storageSize;
    }

    public void setStorageSize(String storageSize) {
        this.storageSize = storageSize;
    }

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public String getMessagesTopic() {
        return messagesTopic;
    }

    public void setMessagesTopic(String messagesTopic) {
        this.messagesTopic = messagesTopic;
    }

    public String getPushTopic() {
        return pushTopic;
    }

    public void setPushTopic(String pushTopic) {
        this.pushTopic = pushTopic;
    }

    public String getDeadLetterTopic() {
        return deadLetterTopic;
    }

    public void setDeadLetterTopic(String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
    }
}
