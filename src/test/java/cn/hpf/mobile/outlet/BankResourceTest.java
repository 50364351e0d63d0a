package cn.hpf.mobile.outlet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import cn.hpf.mobile.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class BankResourceTest {

    private static final String BANKS = "/v1/banks";

    private record Seeded(String id, String bank, double lat, double lng) {
    }

    /** The branches as the migration seeded them, read straight from the table. */
    private static final List<Seeded> BRANCHES = new ArrayList<>();

    @BeforeAll
    static void seededBranches() throws SQLException {
        BRANCHES.clear();
        try (Connection c = Db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, bank_code, lat, lng FROM bank_branch")) {
            while (rs.next()) {
                BRANCHES.add(new Seeded(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4)));
            }
        }
    }

    @Test
    void twelveLoanBanksSeventeenMonthlyTransferBanksThirtyFourBranches() {
        given().queryParam("role", "LOAN").get(BANKS).then().statusCode(200)
                .body("items", hasSize(12)).body("items.roles", everyItem(hasItem("LOAN")));
        given().queryParam("role", "MONTHLY_TRANSFER").get(BANKS).then().statusCode(200)
                .body("items", hasSize(17)).body("items.roles", everyItem(hasItem("MONTHLY_TRANSFER")));
        JsonPath all = given().queryParam("lat", "30.1745").queryParam("lng", "120.2975").queryParam("limit", "50")
                .get(BANKS).then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("items")).hasSize(17);
        assertThat(all.getList("items.branches.flatten().id")).hasSize(34).doesNotHaveDuplicates();
        // Roles overlap: every loan bank also signs the monthly transfer; five banks only do that.
        assertThat(all.getList("items.findAll { it.roles == ['LOAN', 'MONTHLY_TRANSFER'] }")).hasSize(12);
        assertThat(all.getList("items.findAll { it.roles == ['MONTHLY_TRANSFER'] }.code", String.class))
                .containsExactlyInAnyOrder("CZB", "CMBC", "CEB", "HXB", "PAB");
    }

    @Test
    void standingAtABranchItsBankComesFirstWithThatBranchAtZeroMetres() {
        for (Seeded at : List.of(branch("xsrcb-03"), branch("icbc-03"), branch("pab-02"), branch("psbc-02"))) {
            JsonPath body = near(at.lat(), at.lng()).get(BANKS).then().statusCode(200).extract().jsonPath();
            assertThat(body.getString("items[0].code")).isEqualTo(at.bank());
            assertThat(body.getString("items[0].nearestBranch.id")).isEqualTo(at.id());
            assertThat(body.getLong("items[0].nearestBranch.distanceMeters")).isZero();
        }
    }

    @Test
    void branchesNearestFirstBanksByTheirNearestBranchDistancesAsTheGreatCircle() {
        for (double[] from : List.of(new double[] {30.1745, 120.2975}, new double[] {30.0658, 120.2496},
                new double[] {30.2200, 120.4200})) {
            JsonPath body = near(from[0], from[1]).queryParam("role", "MONTHLY_TRANSFER").get(BANKS).then()
                    .statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = body.getList("items");
            List<Double> nearestOfEachBank = new ArrayList<>();
            for (Map<String, Object> item : items) {
                String bank = (String) item.get("code");
                List<Seeded> expected = BRANCHES.stream().filter(b -> b.bank().equals(bank))
                        .sorted(Comparator.comparingDouble(b -> metres(from, b))).toList();
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> branches = (List<Map<String, Object>>) item.get("branches");
                assertThat(branches.stream().map(b -> b.get("id")).toList())
                        .as(bank).isEqualTo(expected.stream().map(Seeded::id).toList());
                for (int j = 0; j < expected.size(); j++) {
                    assertThat(((Number) branches.get(j).get("distanceMeters")).doubleValue())
                            .as(expected.get(j).id()).isCloseTo(metres(from, expected.get(j)), within(1.0));
                }
                assertThat(item.get("nearestBranch")).isEqualTo(branches.get(0));
                nearestOfEachBank.add(((Number) branches.get(0).get("distanceMeters")).doubleValue());
            }
            assertThat(nearestOfEachBank).hasSize(17).isSorted();
        }
    }

    @Test
    void limitKeepsEachBanksNearestBranches() {
        JsonPath body = near(30.0658, 120.2496).queryParam("limit", "1").get(BANKS).then().statusCode(200)
                .extract().jsonPath();
        assertThat(body.getList("items")).hasSize(17);
        assertThat(body.getList("items.collect { it.branches.size() }", Integer.class)).containsOnly(1);
        // From Linpu, the two banks with a branch in town come first.
        assertThat(body.getList("items.code").subList(0, 2)).containsExactly("XSRCB", "ABC");
        assertThat(body.getString("items[0].nearestBranch.id")).isEqualTo("xsrcb-02");
    }

    @Test
    void withoutALocationBanksInTheCentresOrderBranchesByIdNoDistance() {
        JsonPath body = given().queryParam("role", "LOAN").get(BANKS).then().statusCode(200)
                .body("items.nearestBranch", everyItem(nullValue()))
                .body("items.branches.flatten().distanceMeters", everyItem(nullValue()))
                .extract().jsonPath();
        assertThat(body.getList("items.code")).containsExactly("ICBC", "ABC", "BOC", "CCB", "BOCOM", "PSBC",
                "XSRCB", "HZB", "CMB", "CITIC", "SPDB", "CIB");
        assertThat(body.getList("items[0].branches.id")).containsExactly("icbc-01", "icbc-02", "icbc-03");
        assertThat(body.getMap("items[0].branches[0]")).containsEntry("name", "工商银行萧山支行营业室")
                .containsEntry("address", "杭州市萧山区市心中路 818 号");
        given().get(BANKS).then().statusCode(200).body("items", hasSize(17))
                .body("items.branches.flatten()", hasSize(34));
    }

    @ParameterizedTest(name = "{0}={1} is rejected")
    @CsvSource(delimiter = '|', value = {
            "role|BAD|role=BAD", "role|loan|role=loan", "role|LOAN,MONTHLY_TRANSFER|role=LOAN,MONTHLY_TRANSFER",
            "lng|(only lat)|lat=30.18", "lat|(only lng)|lng=120.26&role=LOAN", "lat|95|lat=95&lng=120.26",
            "lng|east|lat=30.18&lng=east", "limit|0|limit=0", "limit|51|limit=51"})
    void badParameterIs400NamingIt(String field, String value, String query) {
        given().get(BANKS + "?" + query).then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_PARAMETER"))
                .body("field", equalTo(field));
    }

    private static io.restassured.specification.RequestSpecification near(double lat, double lng) {
        return given().queryParam("lat", Double.toString(lat)).queryParam("lng", Double.toString(lng));
    }

    private static Seeded branch(String id) {
        return BRANCHES.stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow();
    }

    private static double metres(double[] from, Seeded b) {
        return Haversine.metres(from[0], from[1], b.lat(), b.lng());
    }
}
