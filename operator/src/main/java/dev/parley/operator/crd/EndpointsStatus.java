package dev.parley.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Where OpenIM clients and admin tools reach the gateway. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EndpointsStatus {

    @JsonPropertyDescription("In-cluster OpenIM WebSocket URL for client SDKs.")
    private String websocket;

    @JsonPropertyDescription("In-cluster base URL of the HTTP API (auth, users, messages).")
    private String api;

    @JsonPropertyDescription("Address outside the cluster (LoadBalancer ingress), once the Service has one.")
    private String external;

    public EndpointsStatus() {
    }

    public EndpointsStatus(String websocket, String api, String external) {
        this.websocket = websocket;
        this.api = api;
        this.external = external;
    }

    public String getWebsocket() {
        return websocket;
    }

    public void setWebsocket(String websocket) {
        this.websocket = websocket;
    }

    public String getApi() {
        return api;
    }

    public void setApi(String api) {
        this.api = api;
    }

    public String getExternal() {
        return external;
    }

    public void setExternal(String external) {
        this.external = external;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndpointsStatus other
                && Objects.equals(websocket, other.websocket)
                && Objects.equals(api, other.api)
                && Objects.equals(external, other.external);
    }

    @Override
    public int hashCode() {
        return Objects.hash(websocket, api, external);
    }
}
