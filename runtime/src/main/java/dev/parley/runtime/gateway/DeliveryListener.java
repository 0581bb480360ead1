package dev.parley.runtime.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.runtime.config.ParleyConfig;
import dev.parley.runtime.delivery.GatewayBatch;
import dev.parley.runtime.protocol.ReqIdentifier;
import dev.parley.runtime.protocol.WsResponse;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.protocol.pb.PullMsgs;
import dev.parley.runtime.protocol.pb.PushMessages;
import dev.parley.runtime.store.redis.OnlineRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Listens on this gateway's own Redis channel and writes pushes and kicks to local connections. */
@ApplicationScoped
public class DeliveryListener {
    private static final Logger LOG = Logger.getLogger(DeliveryListener.class);

    private final ParleyConfig config;
    private final RedisDataSource redis;
    private final GatewayInstance instance;
    private final LocalSessions sessions;
    private final WsCodec codec;
    private final ObjectMapper json;
    private PubSubCommands.RedisSubscriber subscriber;

    public DeliveryListener(ParleyConfig config, RedisDataSource redis, GatewayInstance instance, LocalSessions sessions,
            WsCodec codec, ObjectMapper json) {
        this.config = config;
        this.redis = redis;
        this.instance = instance;
        this.sessions = sessions;
        this.codec = codec;
        this.json = json;
    }

    void start(@Observes StartupEvent event) {
        if (config.role().runsGateway()) {
            subscriber = redis.pubsub(String.class).subscribe(OnlineRegistry.channel(instance.id()), this::deliver);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.unsubscribe();
        }
    }

    void deliver(String payload) {
        GatewayBatch batch;
        try {
            batch = json.readValue(payload, GatewayBatch.class);
        } catch (Exception e) {
            LOG.warnf("ignoring an unreadable delivery: %s", e.getMessage());
            return;
        }
        for (GatewayBatch.Push push : batch.pushes()) {
            byte[] frame;
            try {
                MsgData msg = MsgData.parseFrom(push.msg());
                PushMessages body = PushMessages.newBuilder()
                        .putMsgs(push.conversationID(), PullMsgs.newBuilder().addMsgs(msg).build()).build();
                frame = codec.encode(WsResponse.push(ReqIdentifier.PUSH_MSG, push.operationID(), body.toByteArray()));
            } catch (Exception e) {
                LOG.warnf("ignoring a push for %s: %s", push.conversationID(), e.getMessage());
                continue;
            }
            for (String connectionId : push.connectionIds()) {
                LocalSessions.Session session = sessions.get(connectionId);
                if (session != null) {
                    session.connection().sendBinary(frame).subscribe().with(ok -> { }, e -> LOG.debugf("push to %s failed: %s", connectionId, e));
                }
            }
        }
        for (GatewayBatch.Kick kick : batch.kicks()) {
            LocalSessions.Session session = sessions.get(kick.connectionId());
            if (session != null) {
                byte[] frame = codec.encode(new WsResponse(ReqIdentifier.KICK_ONLINE, "", "", 0, kick.reason(), null));
                session.connection().sendBinary(frame).chain(() -> session.connection().close())
                        .subscribe().with(ok -> { }, e -> LOG.debugf("kick of %s failed: %s", kick.connectionId(), e));
                sessions.remove(kick.connectionId());
            }
        }
    }
}
