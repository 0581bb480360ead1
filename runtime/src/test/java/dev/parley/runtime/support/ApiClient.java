package dev.parley.runtime.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The app server's side of the OpenIM HTTP API: admin token, registration, user tokens. */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private String adminToken;

    public ApiClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** POSTs JSON and returns the whole envelope {errCode, errMsg, data}. */
    public JsonNode post(String path, String token, Object body) {
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .header("operationID", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (token != null) {
                req.header("token", token);
            }
            HttpResponse<byte[]> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            return JSON.readTree(resp.body());
        } catch (Exception e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        }
    }

    /** POSTs and fails unless errCode is 0; returns data. */
    public JsonNode ok(String path, String token, Object body) {
        JsonNode envelope = post(path, token, body);
        if (envelope.path("errCode").asInt(-1) != 0) {
            throw new AssertionError(path + " answered " + envelope);
        }
        return envelope.path("data");
    }

    /** POSTs a protobuf body to a /jssdk route; returns the decoded protobuf bytes of data. */
    public byte[] protobuf(String path, String token, byte[] body) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-protobuf").header("token", token)
                    .header("operationID", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            JsonNode envelope = JSON.readTree(http.send(req, HttpResponse.BodyHandlers.ofByteArray()).body());
            if (envelope.path("errCode").asInt(-1) != 0) {
                throw new AssertionError(path + " answered " + envelope);
            }
            return java.util.Base64.getDecoder().decode(envelope.path("data").asText());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        }
    }

    public String adminToken() {
        if (adminToken == null) {
            adminToken = ok("/auth/get_admin_token", null, Map.of("secret", "openIM123", "userID", "imAdmin")).path("token").asText();
        }
        return adminToken;
    }

    /** Registers fresh users (IDs made unique per call) and returns their IDs. */
    public List<String> register(String... names) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = java.util.Arrays.stream(names).map(n -> n + "-" + suffix).toList();
        ok("/user/user_register", adminToken(), Map.of("users", ids.stream().map(id -> Map.of("userID", id, "nickname", id)).toList()));
        return ids;
    }

    public String userToken(String userId, int platformId) {
        return ok("/auth/get_user_token", adminToken(), Map.of("userID", userId, "platformID", platformId)).path("token").asText();
    }
}
