package cn.hpf.mobile.outlet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class OutletResourceTest {

    private static final String OUTLETS = "/v1/outlets";
    private static final String CENTRE = "xs-citizen-centre";
    private static final String GUALI = "xs-guali";
    private static final String LINPU = "xs-linpu";
    /** The seeded outlets (V13) and where they are. */
    private static final Map<String, double[]> SEEDED = Map.of(
            CENTRE, new double[] {30.18212, 120.26930},
            GUALI, new double[] {30.21470, 120.46120},
            LINPU, new double[] {30.06580, 120.24960});

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void fromEachOutletThatOutletComesFirstThenTheOthersByDistance() {
        for (var here : SEEDED.entrySet()) {
            double lat = here.getValue()[0];
            double lng = here.getValue()[1];
            JsonPath body = near(lat, lng).get(OUTLETS).then().statusCode(200).extract().jsonPath();
            List<String> ids = body.getList("items.id");
            assertThat(ids).hasSize(3).first().isEqualTo(here.getKey());
            assertThat(body.getLong("items[0].distanceMeters")).isZero();
            List<String> expected = new ArrayList<>(SEEDED.keySet());
            expected.sort(Comparator.comparingDouble(id -> distance(lat, lng, id)));
            assertThat(ids).isEqualTo(expected);
        }
    }

    @Test
    void distancesAreTheGreatCircleInWholeMetres() {
        // Xiaoshan railway station, a few kilometres from each outlet, and a point in Hangzhou's west.
        for (double[] from : List.of(new double[] {30.1745, 120.2975}, new double[] {30.2741, 120.1551})) {
            JsonPath body = near(from[0], from[1]).get(OUTLETS).then().statusCode(200).extract().jsonPath();
            for (int i = 0; i < 3; i++) {
                String id = body.getString("items[" + i + "].id");
                assertThat(body.getDouble("items[" + i + "].distanceMeters"))
                        .as(id).isCloseTo(distance(from[0], from[1], id), within(1.0));
            }
        }
    }

    @Test
    void outletCarriesItsAddressHoursAndServicesInTheCataloguesOrder() {
        JsonPath body = near(30.2147, 120.4612).get(OUTLETS).then().statusCode(200).extract().jsonPath();
        Map<String, Object> guali = body.getMap("items[0]");
        assertThat(guali).containsEntry("id", GUALI).containsEntry("name", "瓜沥服务网点")
                .containsEntry("address", "杭州市萧山区瓜沥镇航坞路 688 号瓜沥镇便民服务中心 1 楼")
                .containsEntry("hours", "周一至周五 8:30-12:00, 13:30-17:00");
        assertThat(body.getDouble("items[0].lat")).isEqualTo(30.2147);
        assertThat(body.getDouble("items[0].lng")).isEqualTo(120.4612);
        assertThat(body.getList("items[0].services", String.class)).containsExactly("WITHDRAW_BUILD_RENOVATE",
                "WITHDRAW_SERIOUS_ILLNESS", "WITHDRAW_DECEASED", "LOAN_APPLICATION", "LOAN_MORTGAGE_RELEASE",
                "TRANSFER_BETWEEN_CITIES", "VOLUNTARY_DEPOSIT_OPEN", "MEMBER_INFO_CHANGE");
        // The citizen centre handles every service that needs a visit: 16 of the catalogue's 36.
        assertThat(body.getList("items.find { it.id == '" + CENTRE + "' }.services")).hasSize(16);
    }

    @Test
    void withoutALocationEveryOutletByIdWithoutDistance() {
        given().get(OUTLETS).then().statusCode(200)
                .body("items.id", equalTo(List.of(CENTRE, GUALI, LINPU)))
                .body("items.distanceMeters", equalTo(java.util.Arrays.asList(null, null, null)));
        given().queryParam("service", "WITHDRAW_EMIGRATION").get(OUTLETS).then().statusCode(200)
                .body("items.id", equalTo(List.of(CENTRE)));
    }

    @Test
    void limitKeepsTheNearest() {
        near(30.0658, 120.2496).queryParam("limit", "2").get(OUTLETS).then().statusCode(200)
                .body("items.id", equalTo(List.of(LINPU, CENTRE)));
        given().queryParam("limit", "1").get(OUTLETS).then().statusCode(200).body("items.id", equalTo(List.of(CENTRE)));
    }

    @Test
    void serviceFilterKeepsTheOutletsHandlingIt() {
        // Settling abroad is handled only at the citizen centre; a loan application at all three outlets.
        near(30.2147, 120.4612).queryParam("service", "WITHDRAW_EMIGRATION").get(OUTLETS).then().statusCode(200)
                .body("items.id", equalTo(List.of(CENTRE)));
        near(30.2147, 120.4612).queryParam("service", "LOAN_APPLICATION").get(OUTLETS).then().statusCode(200)
                .body("items.id", equalTo(List.of(GUALI, CENTRE, LINPU)));
        // A known service done entirely online is handled at no outlet.
        near(30.2147, 120.4612).queryParam("service", "ACCOUNT_QUERY").get(OUTLETS).then().statusCode(200)
                .body("items", equalTo(List.of()));
    }

    @ParameterizedTest(name = "{0} {1}: centre {2}, town outlets {3}")
    @CsvSource({
            "MONDAY, 08:29, false, false",
            "MONDAY, 08:30, true, true",
            "MONDAY, 11:59, true, true",
            "MONDAY, 12:00, false, false",
            "MONDAY, 12:45, false, false",
            "WEDNESDAY, 13:30, true, true",
            "FRIDAY, 16:59, true, true",
            "FRIDAY, 17:00, false, false",
            "FRIDAY, 21:00, false, false",
            "SATURDAY, 08:59, false, false",
            "SATURDAY, 10:00, true, false",
            "SATURDAY, 12:00, false, false",
            "SUNDAY, 10:00, false, false",
            "SUNDAY, 15:00, false, false"})
    void openNowFollowsTheWeeklyHoursInShanghai(DayOfWeek day, LocalTime time, boolean centreOpen,
                                                boolean townsOpen) {
        LocalDate date = LocalDate.now(Zones.SHANGHAI).plusYears(1).with(TemporalAdjusters.next(day));
        TestClock.setTo(date.atTime(time).atZone(Zones.SHANGHAI).toInstant());
        JsonPath body = given().get(OUTLETS).then().statusCode(200).extract().jsonPath();
        Map<String, Boolean> open = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            open.put(body.getString("items[" + i + "].id"), body.getBoolean("items[" + i + "].openNow"));
        }
        assertThat(open).isEqualTo(Map.of(CENTRE, centreOpen, GUALI, townsOpen, LINPU, townsOpen));
    }

    @Test
    void anOutletClosedForTheDayIsNotOpenNow() {
        LocalDate tuesday = LocalDate.now(Zones.SHANGHAI).plusYears(2).with(TemporalAdjusters.next(DayOfWeek.TUESDAY));
        TestClock.setTo(tuesday.atTime(10, 0).atZone(Zones.SHANGHAI).toInstant());
        Api.asOperator().contentType(ContentType.JSON)
                .body(Map.of("date", tuesday.toString(), "reason", "台风停止办公 Closed for a typhoon"))
                .post("/v1/ops/outlets/" + GUALI + "/closures").then().statusCode(201);

        JsonPath body = given().get(OUTLETS).then().statusCode(200).extract().jsonPath();
        Map<String, Boolean> open = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            open.put(body.getString("items[" + i + "].id"), body.getBoolean("items[" + i + "].openNow"));
        }
        assertThat(open).isEqualTo(Map.of(CENTRE, true, GUALI, false, LINPU, true));
    }

    @ParameterizedTest(name = "{0}={1} is rejected")
    @CsvSource(delimiter = '|', value = {
            "lat|abc|lat=abc&lng=120.26", "lng|x|lat=30.18&lng=x", "lat|91|lat=91&lng=120.26",
            "lat|-90.5|lat=-90.5&lng=120.26", "lng|180.0001|lat=30.18&lng=180.0001", "lng|-181|lat=30.18&lng=-181",
            "lat|NaN|lat=NaN&lng=120.26", "lng|Infinity|lat=30.18&lng=Infinity", "lat|1e1|lat=1e1&lng=120.26",
            "lat|0x10|lat=0x10&lng=120.26", "lng|120.26d|lat=30.18&lng=120.26d", "lat|30,18|lat=30,18&lng=120.26",
            "lng|(only lat)|lat=30.18", "lat|(only lng)|lng=120.26", "lng|(empty lng)|lat=30.18&lng=",
            "service|NO_SUCH_SERVICE|service=NO_SUCH_SERVICE", "service|loan_application|service=loan_application",
            "limit|0|limit=0", "limit|51|limit=51", "limit|ten|limit=ten"})
    void badParameterIs400NamingIt(String field, String value, String query) {
        given().get(OUTLETS + "?" + query).then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_PARAMETER"))
                .body("field", equalTo(field));
    }

    @ParameterizedTest(name = "lat={0} lng={1} is served")
    @CsvSource({"90, 180", "-90, -180", "+30.18, -0", "' 30.18 ', ' 120.26 '", "0, 0", "30.123456789012345, 120"})
    void coordinatesAtTheirLimitsAreServed(String lat, String lng) {
        given().queryParam("lat", lat).queryParam("lng", lng).get(OUTLETS).then().statusCode(200)
                .body("items.size()", equalTo(3));
    }

    private static io.restassured.specification.RequestSpecification near(double lat, double lng) {
        return given().queryParam("lat", Double.toString(lat)).queryParam("lng", Double.toString(lng));
    }

    private static double distance(double lat, double lng, String outlet) {
        double[] at = SEEDED.get(outlet);
        return Haversine.metres(lat, lng, at[0], at[1]);
    }
}
