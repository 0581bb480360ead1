package dev.parley.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** The desired Parley installation. Every section has defaults, so an empty spec is a working cluster. */
public class ImClusterSpec {

    private static final String EXTERNAL_NEEDS_SECRET = "self.mode != 'External' || (has(self.secretName) && self.secretName != '')";

    @JsonPropertyDescription("The Parley runtime image shared by all roles.")
    private RuntimeSpec runtime = new RuntimeSpec();

    @JsonPropertyDescription("Gateway role: client WebSocket connections and the HTTP API.")
    private GatewaySpec gateway = new GatewaySpec();

    @JsonPropertyDescription("Transfer role: consumes the messages topic, assigns seqs and stores messages.")
    private WorkerSpec transfer = new WorkerSpec();

    @JsonPropertyDescription("Push role: delivers stored messages to the gateways holding the recipients.")
    private WorkerSpec push = new WorkerSpec();

    @JsonPropertyDescription("Kafka, managed through Strimzi or external.")
    @ValidationRule(value = EXTERNAL_NEEDS_SECRET, message = "kafka.secretName is required when kafka.mode is External")
    private KafkaSpec kafka = new KafkaSpec();

    @JsonPropertyDescription("Redis, managed or external.")
    @ValidationRule(value = EXTERNAL_NEEDS_SECRET, message = "redis.secretName is required when redis.mode is External")
    private RedisSpec redis = new RedisSpec();

    @JsonPropertyDescription("MongoDB, the sync library (hot messages, inboxes), managed or external.")
    @ValidationRule(value = EXTERNAL_NEEDS_SECRET, message = "mongodb.secretName is required when mongodb.mode is External")
    private MongoDbSpec mongodb = new MongoDbSpec();

    @JsonPropertyDescription("MySQL, the storage library (every message), managed or external.")
    @ValidationRule(value = EXTERNAL_NEEDS_SECRET, message = "mysql.secretName is required when mysql.mode is External")
    private MySqlSpec mysql = new MySqlSpec();

    @JsonPropertyDescription("Message retention of the hot (MongoDB) and cold (MySQL) tiers.")
    private RetentionSpec retention = new RetentionSpec();

    @JsonPropertyDescription("Groups up to this many members are write-diffused (every member's inbox updated on send); larger groups are read-diffused.")
    @Default("500")
    @ValidationRule(value = "self >= 1", message = "largeGroupThreshold must be >= 1")
    private int largeGroupThreshold = 500;

    @JsonPropertyDescription("Delete the managed stores' persistent volume claims when this ImCluster is deleted. Claims are kept by default.")
    @Default("false")
    private boolean deleteClaim;

    public RuntimeSpec getRuntime() {
        return runtime;
    }

    public void setRuntime(RuntimeSpec runtime) {
        this.runtime = runtime == null ? new RuntimeSpec() : runtime;
    }

    public GatewaySpec getGateway() {
        return gateway;
    }

    public void setGateway(GatewaySpec gateway) {
        this.gateway = gateway == null ? new GatewaySpec() : gateway;
    }

    public WorkerSpec getTransfer() {
        return transfer;
    }

    public void setTransfer(WorkerSpec transfer) {
        this.transfer = transfer == null ? new WorkerSpec() : transfer;
    }

    public WorkerSpec getPush() {
        return push;
    }

    public void setPush(WorkerSpec push) {
        this.push = push == null ? new WorkerSpec() : push;
    }

    public KafkaSpec getKafka() {
        return kafka;
    }

    public void setKafka(KafkaSpec kafka) {
        this.kafka = kafka == null ? new KafkaSpec() : kafka;
    }

    public RedisSpec getRedis() {
        return redis;
    }

    public void setRedis(RedisSpec redis) {
        this.redis = redis == null ? new RedisSpec() : redis;
    }

    public MongoDbSpec getMongodb() {
        return mongodb;
    }

    public void setMongodb(MongoDbSpec mongodb) {
        this.mongodb = mongodb == null ? new MongoDbSpec() : mongodb;
    }

    public MySqlSpec getMysql() {
        return mysql;
    }

    public void setMysql(MySqlSpec mysql) {
        this.mysql = mysql == null ? new MySqlSpec() : mysql;
    }

    public RetentionSpec getRetention() {
        return retention;
    }

    public void setRetention(RetentionSpec retention) {
        this.retention = retention == null ? new RetentionSpec() : retention;
    }

    public int getLargeGroupThreshold() {
        return largeGroupThreshold;
    }

    public void setLargeGroupThreshold(int largeGroupThreshold) {
        this.largeGroupThreshold = largeGroupThreshold;
    }

    public boolean isDeleteClaim() {
        return deleteClaim;
    }

    public void setDeleteClaim(boolean deleteClaim) {
        this.deleteClaim = deleteClaim;
    }
}
