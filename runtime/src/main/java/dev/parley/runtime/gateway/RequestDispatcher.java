package dev.parley.runtime.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.parley.runtime.protocol.ErrCode;
import dev.parley.runtime.protocol.ImException;
import dev.parley.runtime.protocol.ReqIdentifier;
import dev.parley.runtime.protocol.WsRequest;
import dev.parley.runtime.protocol.WsResponse;
import dev.parley.runtime.protocol.pb.GetConversationsHasReadAndMaxSeqReq;
import dev.parley.runtime.protocol.pb.GetSeqMessageReq;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.protocol.pb.PullMessageBySeqsReq;
import dev.parley.runtime.protocol.pb.UserSendMsgResp;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/** Routes one request frame of a logged-in session to its handler and shapes the response. */
@ApplicationScoped
public class RequestDispatcher {
    private static final Logger LOG = Logger.getLogger(RequestDispatcher.class);

    private final MessageIngress ingress;
    private final SyncReader sync;

    public RequestDispatcher(MessageIngress ingress, SyncReader sync) {
        this.ingress = ingress;
        this.sync = sync;
    }

    /** The response; for a send it completes after the Kafka acknowledgement. Never fails. */
    public CompletableFuture<WsResponse> dispatch(LocalSessions.Session session, WsRequest req) {
        try {
            if (req.sendID() != null && !req.sendID().isEmpty() && !req.sendID().equals(session.userId())) {
                throw ImException.noPermission("frame sendID " + req.sendID() + " is not the logged-in user " + session.userId());
            }
            return switch (req.reqIdentifier()) {
                case ReqIdentifier.SEND_MSG -> send(session, req);
                case ReqIdentifier.GET_CONV_MAX_READ_SEQ -> done(req,
                        sync.maxAndReadSeqs(session.userId(), parse(req, GetConversationsHasReadAndMaxSeqReq.parser())));
                case ReqIdentifier.PULL_MSG_BY_SEQS -> done(req, sync.pullBySeqs(session.userId(), parse(req, PullMessageBySeqsReq.parser())));
                case ReqIdentifier.GET_SEQ_MESSAGE -> done(req, sync.getSeqMessages(session.userId(), parse(req, GetSeqMessageReq.parser())));
                default -> throw ImException.args("unknown reqIdentifier " + req.reqIdentifier()
                        + ": this server handles 1002, 1003, 1005 and 1006");
            };
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(req, e));
        }
    }

    private CompletableFuture<WsResponse> send(LocalSessions.Session session, WsRequest req) {
        MsgData prepared = ingress.prepare(session.userId(), session.platformId(), parse(req, MsgData.parser()));
        return ingress.send(prepared, req.operationID())
                .thenApply(msg -> WsResponse.ok(req, UserSendMsgResp.newBuilder()
                        .setServerMsgID(msg.getServerMsgID()).setClientMsgID(msg.getClientMsgID()).setSendTime(msg.getSendTime())
                        .build().toByteArray()))
                .exceptionally(e -> failure(req, e instanceof CompletionException && e.getCause() != null ? e.getCause() : e));
    }

    static WsResponse failure(WsRequest req, Throwable e) {
        if (e instanceof ImException im) {
            return WsResponse.error(req, im.errCode(), im.getMessage());
        }
        LOG.errorf(e, "request %d (operationID %s) failed", req.reqIdentifier(), req.operationID());
        return WsResponse.error(req, ErrCode.SERVER_INTERNAL, "internal error: " + e.getMessage());
    }

    private static CompletableFuture<WsResponse> done(WsRequest req, Message body) {
        return CompletableFuture.completedFuture(WsResponse.ok(req, body.toByteArray()));
    }

    private static <T> T parse(WsRequest req, com.google.protobuf.Parser<T> parser) {
        try {
            return parser.parseFrom(req.data() == null ? new byte[0] : req.data());
        } catch (InvalidProtocolBufferException e) {
            throw ImException.args("data of reqIdentifier " + req.reqIdentifier() + " is not the expected protobuf: " + e.getMessage());
        }
    }
}
