package cn.hpf.mobile.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The console's live feed: events arrive one after the other and follow what happens. */
@QuarkusTest
class LiveStatsTest {

    @Test
    void membersCannotOpenIt() {
        Api.as(Api.RENTER).accept("text/event-stream").get("/v1/ops/stats/live").then().statusCode(403);
    }

    @Test
    void sendsTheFiguresAgainAndAgainAndFollowsAnAdmission() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/v1/ops/stats/live"))
                .header("Authorization", "Bearer " + Api.operatorToken()).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (Stream<String> lines = response.body()) {
            Iterator<String> events = lines.filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip())
                    .iterator();
            JsonPath first = new JsonPath(events.next());
            assertThat(first.getString("minute")).endsWith(":00Z");
            assertThat(first.getBoolean("admissionsPaused")).isFalse();

            Fixtures.withdrawal(Fixtures.member(200_000)).amount(12_300).admit();

            JsonPath second = new JsonPath(events.next());
            assertThat(second.getString("at")).isGreaterThan(first.getString("at"));
            JsonPath latest = second;
            // The admission is in the next event read after it committed (at most one more, the one in flight).
            if (latest.getLong("todayCount") == first.getLong("todayCount")) {
                latest = new JsonPath(events.next());
            }
            assertThat(latest.getLong("todayCount")).isEqualTo(first.getLong("todayCount") + 1);
            assertThat(latest.getLong("todayAmountFen")).isEqualTo(first.getLong("todayAmountFen") + 12_300);
        }
    }
}
