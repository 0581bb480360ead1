package dev.parley.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One entry per component an ImCluster consists of. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentsStatus {

    @JsonPropertyDescription("Gateway Deployment.")
    private ComponentStatus gateway;

    @JsonPropertyDescription("Transfer Deployment.")
    private ComponentStatus transfer;

    @JsonPropertyDescription("Push Deployment.")
    private ComponentStatus push;

    @JsonPropertyDescription("Kafka (the Strimzi Kafka resource's Ready condition when managed).")
    private ComponentStatus kafka;

    @JsonPropertyDescription("Redis StatefulSet.")
    private ComponentStatus redis;

    @JsonPropertyDescription("MongoDB StatefulSet.")
    private ComponentStatus mongodb;

    @JsonPropertyDescription("MySQL StatefulSet.")
    private ComponentStatus mysql;

    /** Components in a stable order, for messages that list what is not ready yet. */
    public Map<String, ComponentStatus> byName() {
        Map<String, ComponentStatus> all = new LinkedHashMap<>();
        all.put("gateway", gateway);
        all.put("transfer", transfer);
        all.put("push", push);
        all.put("kafka", kafka);
        all.put("redis", redis);
        all.put("mongodb", mongodb);
        all.put("mysql", mysql);
        all.values().removeIf(Objects::isNull);
        return all;
    }

    public ComponentStatus getGateway() {
        return gateway;
    }

    public void setGateway(ComponentStatus gateway) {
        this.gateway = gateway;
    }

    public ComponentStatus getTransfer() {
        return transfer;
    }

    public void setTransfer(ComponentStatus transfer) {
        this.transfer = transfer;
    }

    public ComponentStatus getPush() {
        return push;
    }

    public void setPush(ComponentStatus push) {
        this.push = push;
    }

    public ComponentStatus getKafka() {
        return kafka;
    }

    public void setKafka(ComponentStatus kafka) {
        this.kafka = kafka;
    }

    public ComponentStatus getRedis() {
        return redis;
    }

    public void setRedis(ComponentStatus redis) {
        this.redis = redis;
    }

    public ComponentStatus getMongodb() {
        return mongodb;
    }

    public void setMongodb(ComponentStatus mongodb) {
        this.mongodb = mongodb;
    }

    public ComponentStatus getMysql() {
        return mysql;
    }

    public void setMysql(ComponentStatus mysql) {
        this.mysql = mysql;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComponentsStatus other && byName().equals(other.byName());
    }

    @Override
    public int hashCode() {
        return byName().hashCode();
    }
}
