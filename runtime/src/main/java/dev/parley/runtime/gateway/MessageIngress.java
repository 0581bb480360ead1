package dev.parley.runtime.gateway;

import dev.parley.runtime.config.ParleyConfig;
import dev.parley.runtime.kafka.KafkaClients;
import dev.parley.runtime.protocol.Conversations;
import dev.parley.runtime.protocol.ErrCode;
import dev.parley.runtime.protocol.ImException;
import dev.parley.runtime.protocol.pb.MsgData;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Accepts a client's send: checks it, stamps the server fields and produces it to the messages
 * topic keyed by conversation. The returned future completes only when Kafka acknowledged the
 * record (acks=all), which is when the sender may be told the message is accepted.
 */
@ApplicationScoped
public class MessageIngress {
    /** OpenIM's "send succeeded" message status. */
    static final int STATUS_SEND_SUCCESS = 2;

    private final ParleyConfig config;
    private final KafkaClients kafka;
    private final SendPermissions permissions;
    private final Counter accepted;
    private volatile Producer<String, byte[]> producer;

    public MessageIngress(ParleyConfig config, KafkaClients kafka, SendPermissions permissions, MeterRegistry metrics) {
        this.config = config;
        this.kafka = kafka;
        this.permissions = permissions;
        this.accepted = metrics.counter("parley.messages.accepted");
    }

    /** Validates and stamps a message sent by {@code userId} from {@code platformId}. */
    public MsgData prepare(String userId, int platformId, MsgData msg) {
        if (!msg.getSendID().equals(userId)) {
            throw ImException.noPermission("sendID " + msg.getSendID() + " is not the logged-in user " + userId);
        }
        if (msg.getClientMsgID().isEmpty()) {
            throw ImException.args("clientMsgID is empty: every message needs a client-side unique ID");
        }
        int limit = config.message().maxContentBytes();
        if (msg.getContent().size() > limit) {
            throw ImException.args("content is " + msg.getContent().size() + " bytes; the limit is " + limit
                    + " (parley.message.max-content-bytes): send large payloads as files");
        }
        String conversationId = Conversations.of(msg.getSessionType(), msg.getSendID(), msg.getRecvID(), msg.getGroupID());
        permissions.check(userId, conversationId, msg);
        return stamp(msg, platformId);
    }

    /** Sets the fields the server owns: serverMsgID, send time, platform and status. */
    public MsgData stamp(MsgData msg, int platformId) {
        long now = System.currentTimeMillis();
        return msg.toBuilder()
                .setServerMsgID(UUID.randomUUID().toString().replace("-", ""))
                .setSenderPlatformID(platformId)
                .setSendTime(now)
                .setCreateTime(msg.getCreateTime() == 0 ? now : msg.getCreateTime())
                .setStatus(STATUS_SEND_SUCCESS)
                .setSeq(0)
                .build();
    }

    /** Produces the prepared message; completes after the broker's acknowledgement. */
    public CompletableFuture<MsgData> send(MsgData prepared, String operationId) {
        return send(prepared, operationId, null);
    }

    /** As {@link #send(MsgData, String)}, naming the recipients when they are not the current members. */
    public CompletableFuture<MsgData> send(MsgData prepared, String operationId, java.util.List<String> recipients) {
        String conversationId = Conversations.of(prepared.getSessionType(), prepared.getSendID(), prepared.getRecvID(), prepared.getGroupID());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(config.kafka().topic().messages(), conversationId, prepared.toByteArray());
        record.headers().add(KafkaClients.OPERATION_ID, KafkaClients.bytes(operationId == null ? "" : operationId));
        if (recipients != null && !recipients.isEmpty()) {
            record.headers().add(KafkaClients.RECIPIENTS, KafkaClients.bytes(String.join(",", recipients)));
        }
        CompletableFuture<MsgData> acked = new CompletableFuture<>();
        producer().send(record, (metadata, error) -> {
            if (error != null) {
                acked.completeExceptionally(new ImException(ErrCode.SERVER_INTERNAL,
                        "message not accepted (" + error.getMessage() + "): send it again"));
            } else {
                accepted.increment();
                acked.complete(prepared);
            }
        });
        return acked;
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = kafka.producer("parley-gateway");
                }
                p = producer;
            }
        }
        return p;
    }

    void stop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
