package cn.hpf.mobile.bankcard;

import static cn.hpf.mobile.support.Api.OWNER_WITH_LOAN;
import static cn.hpf.mobile.support.Api.RENTER;
import static cn.hpf.mobile.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BankCardResourceTest {

    @Test
    void listsOnlyTheCallersOwnCardsMasked() {
        as(OWNER_WITH_LOAN).get("/v1/me/bank-cards").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.id", contains(1, 2))
                .body("items[0].bankCode", equalTo("ICBC"))
                .body("items[0].bankName", equalTo("中国工商银行 ICBC"))
                .body("items[0].maskedNumber", equalTo("6222 **** **** 1234"))
                .body("items[0].holderName", equalTo("张伟"))
                .body("items[0].realTimePayout", equalTo(true))
                .body("items[1].realTimePayout", equalTo(false))
                .body("items.maskedNumber", everyItem(matchesPattern("\\d{4} \\*{4} \\*{4} \\d{4}")));
        as(RENTER).get("/v1/me/bank-cards").then().statusCode(200)
                .body("items.id", contains(3))
                .body("items.holderName", everyItem(equalTo("李娜")));
    }

    @Test
    void membersOnly() {
        given().get("/v1/me/bank-cards").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }
}
