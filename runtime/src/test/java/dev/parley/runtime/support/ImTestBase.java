package dev.parley.runtime.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.parley.runtime.protocol.Conversations;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;

/** What the runtime's integration tests share: the API, WebSocket clients, and a look into MongoDB. */
public abstract class ImTestBase {
    @TestHTTPResource("/")
    protected URL root;

    private final List<ImClient> clients = new ArrayList<>();
    private ApiClient api;
    private static MongoClient mongo;

    protected ApiClient api() {
        if (api == null) {
            api = new ApiClient(root.toString());
        }
        return api;
    }

    protected String wsBase() {
        return "ws://" + root.getHost() + ":" + root.getPort();
    }

    /** A logged-in client; closed after the test. */
    protected ImClient login(String userId, int platformId) throws Exception {
        ImClient client = ImClient.connect(wsBase(), userId, api().userToken(userId, platformId), platformId);
        clients.add(client);
        var ack = client.handshake();
        if (ack.path("errCode").asInt(-1) != 0) {
            throw new AssertionError("login of " + userId + " refused: " + ack);
        }
        return client;
    }

    protected ImClient track(ImClient client) {
        clients.add(client);
        return client;
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ImClient::close);
        clients.clear();
    }

    /** The messages collection, read directly (not through the test's fault proxy). */
    protected static MongoCollection<Document> messages() {
        if (mongo == null) {
            mongo = MongoClients.create(ParleyTestStack.mongoUrl);
        }
        return mongo.getDatabase("parley").getCollection("messages");
    }

    /** The stored seqs of a conversation in ascending order, once at least {@code count} are there. */
    protected static List<Long> awaitStoredSeqs(String conversationId, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Long> seqs = List.of();
        while (System.nanoTime() < deadline) {
            seqs = storedSeqs(conversationId);
            if (seqs.size() >= count) {
                return seqs;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("only " + seqs.size() + " of " + count + " messages of " + conversationId + " stored within " + timeout);
    }

    protected static MongoCollection<Document> inbox() {
        messages();
        return mongo.getDatabase("parley").getCollection("inbox");
    }

    protected static List<Long> storedSeqs(String conversationId) {
        List<Long> seqs = new ArrayList<>();
        messages().find(Filters.eq("conversationId", conversationId)).sort(Sorts.ascending("seq"))
                .forEach(d -> seqs.add(d.get("seq", Number.class).longValue()));
        return seqs;
    }

    protected static String single(String a, String b) {
        return Conversations.single(a, b);
    }

    protected static String newClientMsgId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
