package dev.parley.runtime.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.runtime.support.ImClient;
import dev.parley.runtime.support.ImTestBase;
import dev.parley.runtime.support.ParleyTestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an operator's probes and a Prometheus scrape see. */
@QuarkusTest
@QuarkusTestResource(value = ParleyTestStack.class, restrictToAnnotatedClass = false)
class HealthAndMetricsTest extends ImTestBase {

    @Test
    void readinessReportsEveryBackend() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kafka connection health check", "Redis connection health check",
                        "MongoDB connection health check", "Database connections health check"));
    }

    @Test
    void metricsCountTheMessagePath() throws Exception {
        List<String> users = api().register("metric", "count");
        ImClient client = login(users.get(0), 5);
        assertEquals(0, client.sendText(users.get(1), "counted", newClientMsgId(), "op-m").path("errCode").asInt());
        awaitStoredSeqs(single(users.get(0), users.get(1)), 1, Duration.ofSeconds(30));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("parley_messages_accepted_total"))
                .body(containsString("parley_messages_stored_total"))
                .body(containsString("parley_sessions_online"))
                .body(containsString("parley_consumer_lag{group=\"parley-test-" + ParleyTestStack.RUN + "-transfer\"}"));
    }
}
