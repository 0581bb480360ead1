package dev.parley.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** The app server's side of the OpenIM HTTP API: admin token, registration, user tokens, groups. */
public final class AppServerApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final String secret;
    private final String adminUser;
    private String adminToken;

    public AppServerApi(HttpClient http, String base, String secret, String adminUser) {
        this.http = http;
        this.base = base;
        this.secret = secret;
        this.adminUser = adminUser;
    }

    /** An HTTP answer: the status and the OpenIM envelope {errCode, errMsg, data} (null if not JSON). */
    public record Answer(int status, JsonNode envelope) {
        public boolean ok() {
            return status == 200 && envelope != null && envelope.path("errCode").asInt(-1) == 0;
        }

        public JsonNode data() {
            return envelope == null ? null : envelope.path("data");
        }

        @Override
        public String toString() {
            return "HTTP " + status + (envelope == null ? "" : " " + envelope);
        }
    }

    public CompletableFuture<Answer> postAsync(String path, String token, Object body) {
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("operationID", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (token != null) {
                req.header("token", token);
            }
            return http.sendAsync(req.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(resp -> {
                JsonNode envelope;
                try {
                    envelope = JSON.readTree(resp.body());
                } catch (Exception e) {
                    envelope = null;
                }
                return new Answer(resp.statusCode(), envelope);
            });
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    public Answer post(String path, String token, Object body) {
        return postAsync(path, token, body).join();
    }

    /** Posts and fails unless errCode is 0; returns data. */
    public JsonNode ok(String path, String token, Object body) {
        Answer answer = post(path, token, body);
        if (!answer.ok()) {
            throw new IllegalStateException("POST " + path + " answered " + answer);
        }
        return answer.data();
    }

    public synchronized String adminToken() {
        if (adminToken == null) {
            adminToken = ok("/auth/get_admin_token", null, Map.of("secret", secret, "userID", adminUser)).path("token").asText();
        }
        return adminToken;
    }

    /** Registers users in batches of 100. */
    public void register(List<String> userIds) {
        for (int from = 0; from < userIds.size(); from += 100) {
            List<Map<String, String>> batch = new ArrayList<>();
            for (String id : userIds.subList(from, Math.min(from + 100, userIds.size()))) {
                batch.add(Map.of("userID", id, "nickname", id));
            }
            ok("/user/user_register", adminToken(), Map.of("users", batch));
        }
    }

    public CompletableFuture<String> userToken(String userId, int platformId) {
        return postAsync("/auth/get_user_token", adminToken(), Map.of("userID", userId, "platformID", platformId))
                .thenApply(answer -> {
                    if (!answer.ok()) {
                        throw new IllegalStateException("get_user_token " + userId + " answered " + answer);
                    }
                    return answer.data().path("token").asText();
                });
    }

    /** OpenIM's create_group; the answer is returned as is so the caller can tell "missing" from "failed". */
    public Answer createGroup(String owner, List<String> members, String name) {
        return post("/group/create_group", adminToken(), Map.of(
                "memberUserIDs", members,
                "adminUserIDs", List.of(),
                "ownerUserID", owner,
                "groupInfo", Map.of("groupName", name, "groupType", 2)));
    }
}
