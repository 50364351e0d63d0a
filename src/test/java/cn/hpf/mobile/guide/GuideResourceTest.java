package cn.hpf.mobile.guide;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GuideResourceTest {

    private static List<Map<String, Object>> items(JsonPath json) {
        return json.getList("items");
    }

    private static long count(List<Map<String, Object>> items, String audience, String mode) {
        return items.stream().filter(i -> audience.equals(i.get("audience")))
                .filter(i -> mode == null || mode.equals(i.get("mode"))).count();
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> item, String field) {
        return (List<String>) item.get(field);
    }

    private static Set<String> outletIds() {
        Set<String> ids = new HashSet<>();
        for (String id : Db.queryString("SELECT string_agg(id, ',') FROM outlet").split(",")) {
            ids.add(id);
        }
        return ids;
    }

    @Test
    void everyServiceOfTheCentreWithItsGuide() {
        Response r = given().get("/v1/guide/services");
        r.then().statusCode(200);
        List<Map<String, Object>> items = items(r.jsonPath());
        assertThat(items).hasSize(36);
        assertThat(count(items, "MEMBER", null)).isEqualTo(22);
        assertThat(count(items, "MEMBER", "ONLINE")).isEqualTo(10);
        assertThat(count(items, "EMPLOYER", null)).isEqualTo(14);
        assertThat(count(items, "EMPLOYER", "ONLINE")).isEqualTo(10);
        assertThat(items.get(0).keySet()).containsExactly("code", "name", "nameEn", "audience", "mode", "conditions",
                "steps", "materials", "forms", "outletIds");

        Set<String> outlets = outletIds();
        for (Map<String, Object> s : items) {
            String code = (String) s.get("code");
            for (String field : List.of("conditions", "steps", "materials", "forms")) {
                assertThat(list(s, field)).as(code + " " + field).isNotEmpty()
                        .allSatisfy(text -> assertThat(text).isNotBlank().doesNotContain("{"));
            }
            assertThat((String) s.get("name")).isNotBlank();
            assertThat((String) s.get("nameEn")).isNotBlank();
            // Fully online services need no visit; every other one names where it is handled, and those exist.
            if ("ONLINE".equals(s.get("mode"))) {
                assertThat(list(s, "outletIds")).as(code).isEmpty();
            } else {
                assertThat(list(s, "outletIds")).as(code).isNotEmpty().allSatisfy(id -> assertThat(outlets).contains(id));
            }
        }
        Map<String, Object> rent = items.stream().filter(i -> "WITHDRAW_RENT".equals(i.get("code"))).findFirst().orElseThrow();
        assertThat(list(rent, "materials")).first().isEqualTo("身份证");
        assertThat(list(rent, "materials")).anySatisfy(m -> assertThat(m).contains("不动产登记数据共享"));
        // The figures in the texts are the rules' own: edit the rule and the text follows (no copy).
        Map<String, Object> sealed = items.stream().filter(i -> "WITHDRAW_LEAVE_CITY".equals(i.get("code"))).findFirst().orElseThrow();
        long months = Db.queryLong("SELECT condition_value FROM withdrawal_category WHERE code = 'LEFT_CITY_SEALED'");
        assertThat(list(sealed, "conditions").get(0)).contains("封存满" + months + "个月");
    }

    @Test
    void filtersCachingAndBadParameters() {
        Response online = given().queryParam("audience", "EMPLOYER").queryParam("mode", "ONLINE").get("/v1/guide/services");
        online.then().statusCode(200).header("Cache-Control", "public, max-age=600");
        assertThat(items(online.jsonPath())).hasSize(10)
                .allSatisfy(i -> assertThat(i).containsEntry("audience", "EMPLOYER").containsEntry("mode", "ONLINE"));
        assertThat(items(given().queryParam("mode", "COUNTER").get("/v1/guide/services").jsonPath()))
                .extracting(i -> i.get("code")).containsExactly("WITHDRAW_DECEASED", "MEMBER_INFO_CHANGE",
                        "ACCOUNT_MERGE", "EMPLOYER_MERGER");

        String etag = given().get("/v1/guide/services").then().statusCode(200).extract().header("ETag");
        assertThat(etag).startsWith("\"");
        given().header("If-None-Match", etag).get("/v1/guide/services").then().statusCode(304);
        String cardTag = given().get("/v1/guide/withdrawal-categories").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", cardTag).get("/v1/guide/withdrawal-categories").then().statusCode(304);

        given().queryParam("audience", "STUDENT").get("/v1/guide/services").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_PARAMETER"))
                .body("field", equalTo("audience"));
        given().queryParam("mode", "online").get("/v1/guide/services").then().statusCode(400)
                .body("field", equalTo("mode"));
    }

    @Test
    void theChecklistIsThePaperCardMadeDigital() {
        JsonPath card = given().get("/v1/guide/withdrawal-categories").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = items(card);
        assertThat(items).extracting(i -> i.get("category")).containsExactly("RENT", "RETIREMENT", "PURCHASE",
                "LOAN_REPAYMENT", "MIN_LIVING_ALLOWANCE", "LEFT_CITY_SEALED", "BUILD_RENOVATE", "SERIOUS_ILLNESS",
                "EMIGRATION", "DECEASED");
        // Every WITHDRAW_* service of the catalogue is on the card, online exactly where admission takes it.
        long withdrawServices = Db.queryLong("SELECT count(*) FROM hall_service WHERE code LIKE 'WITHDRAW\\_%'");
        assertThat(items).hasSize((int) withdrawServices);
        for (Map<String, Object> i : items) {
            String code = (String) i.get("category");
            assertThat(list(i, "conditions")).as(code).isNotEmpty().allSatisfy(t -> assertThat(t).doesNotContain("{"));
            assertThat(list(i, "materials")).as(code).isNotEmpty();
            assertThat(list(i, "toBring")).as(code).isNotEmpty();
            assertThat(list(i, "materials")).as(code).hasSize(list(i, "toBring").size() + list(i, "checkedByCentre").size());
            @SuppressWarnings("unchecked")
            Map<String, Object> limits = (Map<String, Object>) i.get("limits");
            assertThat((String) limits.get("summary")).as(code).isNotBlank().doesNotContain("{");
            boolean online = Db.queryLong("SELECT count(*) FROM withdrawal_category WHERE enabled AND code = '" + code + "'") == 1;
            assertThat(i.get("online")).as(code).isEqualTo(online);
            assertThat(i.get("mode")).as(code).isEqualTo(online ? "ONLINE" : i.get("mode"));
            if (!online) {
                assertThat(i.get("mode")).as(code).isNotEqualTo("ONLINE");
                assertThat(list(i, "outletIds")).as(code).isNotEmpty();
            }
        }
        // 8 withdrawals no longer need 6 kinds of proof thanks to data sharing; 7 need only the ID card.
        assertThat(card.getInt("summary.itemsCheckedByDataSharing")).isEqualTo(8);
        assertThat(card.getInt("summary.proofKindsCheckedByDataSharing")).isEqualTo(6);
        assertThat(card.getInt("summary.itemsNeedingOnlyIdCard")).isEqualTo(7);
        assertThat(items.stream().filter(i -> list(i, "toBring").equals(List.of("身份证"))).map(i -> i.get("category")))
                .containsExactly("RENT", "RETIREMENT", "PURCHASE", "LOAN_REPAYMENT", "MIN_LIVING_ALLOWANCE",
                        "LEFT_CITY_SEALED", "EMIGRATION");

        // Limits are admission's rules, read from withdrawal_category.
        Map<String, Object> rent = items.get(0);
        assertThat(list(rent, "checkedByCentre")).containsExactly("本市无房证明（不动产登记数据共享）", "婚姻状况证明（民政数据共享）");
        assertThat(card.getLong("items[0].limits.monthlyCapFen"))
                .isEqualTo(Db.queryLong("SELECT monthly_cap_fen FROM withdrawal_category WHERE code = 'RENT'"));
        assertThat(card.getInt("items[0].limits.capAccrualMonths")).isEqualTo(12);
        assertThat(card.getList("items[0].limits.accountStatuses", String.class)).containsExactly("NORMAL");
        assertThat(card.getString("items[0].limits.summary")).contains("2000.00元").contains("12个月");
        assertThat(card.getBoolean("items[1].limits.wholeBalance")).isTrue();
        assertThat(card.getBoolean("items[1].limits.closesAccount")).isTrue();
        assertThat(card.getInt("items[1].limits.minAge")).isEqualTo(60);
        assertThat(card.getBoolean("items[3].limits.paysToLoan")).isTrue();
        assertThat(card.getMap("items[6].limits")).containsOnlyKeys("summary");
    }
}
