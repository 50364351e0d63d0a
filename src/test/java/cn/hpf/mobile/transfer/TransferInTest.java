package cn.hpf.mobile.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.idempotency.Idempotency;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import cn.hpf.mobile.transfer.platform.PlatformCallback;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A member who moved here asks for her balance at the origin centre: REQUESTED → CONFIRMED → CREDITED (one
 * TRANSFER_IN entry, whatever the platform repeats) or REJECTED; the request itself is idempotent and one per
 * origin account.
 */
@QuarkusTest
@TestProfile(TransferTestProfile.class)
class TransferInTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TransferService service;
    @Inject
    RecordingTransferPlatform platform;
    @Inject
    TransferRetry retry;

    @Test
    void confirmedThenSettledIsCreditedExactlyOnce() throws Exception {
        Member m = Fixtures.member(100_000);
        String key = UUID.randomUUID().toString();
        Response created = request(m, key, "310000", "SH0012345678");
        created.then().statusCode(201).body("status", equalTo("REQUESTED"))
                .body("originCentreName", equalTo("上海市公积金管理中心"));
        UUID id = UUID.fromString(created.path("id"));
        // The retry with the same key gets the first answer, byte for byte.
        Response again = request(m, key, "310000", "SH0012345678");
        again.then().statusCode(201).header(Idempotency.REPLAYED_HEADER, "true");
        assertThat(again.asString()).isEqualTo(created.asString());

        String tid = awaitSubmitted(id);
        assertThat(platform.submitted(id).idNumber()).isEqualTo(m.idNumber());
        assertThat(platform.submitted(id).destinationCentreCode()).isEqualTo("330109");
        apply(confirmed(id, tid, 523_000));
        apply(confirmed(id, tid, 523_000));
        m.api().get("/v1/me/transfers-in/" + id).then().statusCode(200).body("status", equalTo("CONFIRMED"))
                .body("amountFen", equalTo(523_000)).body("platformTransferId", equalTo(tid));

        List<CompletableFuture<Void>> settles = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            settles.add(service.apply(settled(id, tid, 523_000)).subscribeAsCompletionStage());
        }
        for (CompletableFuture<Void> s : settles) {
            try {
                s.get();
            } catch (Exception notYet) {
                // A repeat that waited on the first one's row may be told to come back; it then finds it done.
            }
        }
        apply(settled(id, tid, 523_000));
        assertThat(Db.queryLong("SELECT count(*) FROM ledger_entry WHERE type = 'TRANSFER_IN' AND reference = '"
                + tid + "'")).isEqualTo(1);
        assertThat(Fixtures.balance(m)).isEqualTo(623_000);
        // The member's request and the credit, audited once each (the repeats and the replay changed nothing).
        assertThat(Db.queryString("SELECT string_agg(action || '|' || actor || '|' || channel || '|' "
                + "|| coalesce(client_address, '-') || '|' || coalesce(amount_fen::text, '-') || '|' || result, ';' "
                + "ORDER BY id) FROM audit_log WHERE member_id = " + m.id())).isEqualTo(
                "TRANSFER_IN_REQUESTED|member:" + m.id() + "|APP|127.0.0.1|-|REQUESTED from 310000;"
                        + "TRANSFER_IN_CREDITED|platform:310000|PLATFORM|-|523000|CREDITED " + tid);
        m.api().get("/v1/me/transfers-in").then().statusCode(200).body("items[0].status", equalTo("CREDITED"));
        m.api().get("/v1/me/account").then().statusCode(200).body("balanceFen", equalTo(623_000));
        m.api().get("/v1/me/statements").then().statusCode(200).body("items[0].type", equalTo("TRANSFER_IN"));
        // A rejection of what was credited contradicts the books: refused (422, not repeated), nothing moves.
        assertThatThrownBy(() -> apply(new PlatformCallback("TRANSFER_IN_REJECTED", tid, id.toString(), null,
                "LATE", "Too late.", null, null, null, null, Instant.now()))).isInstanceOfSatisfying(
                ApiException.class, e -> assertThat(e.status() + " " + e.code()).isEqualTo("422 TRANSFER_STATE_CONFLICT"));
        m.api().get("/v1/me/transfers-in/" + id).then().body("status", equalTo("CREDITED"));
        TransferOutTest.assertBooksBalance();
    }

    @Test
    void oneOpenTransferPerOriginAccountAndAnotherAfterARejection() {
        Member m = Fixtures.member(100_000);
        UUID first = UUID.fromString(request(m, UUID.randomUUID().toString(), "110000", "BJ777").path("id"));
        request(m, UUID.randomUUID().toString(), "110000", "BJ777").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("TRANSFER_IN_ALREADY_OPEN"));
        // Another account at the same centre is another transfer.
        request(m, UUID.randomUUID().toString(), "110000", "BJ778").then().statusCode(201);

        String tid = awaitSubmitted(first);
        apply(new PlatformCallback("TRANSFER_IN_REJECTED", tid, first.toString(), null, "ORIGIN_ACCOUNT_FROZEN",
                "The account at the origin centre is frozen.", null, null, null, null, Instant.now()));
        m.api().get("/v1/me/transfers-in/" + first).then().statusCode(200).body("status", equalTo("REJECTED"))
                .body("reasonCode", equalTo("ORIGIN_ACCOUNT_FROZEN"))
                .body("reason", equalTo("The account at the origin centre is frozen."));
        // A late confirmation changes nothing; money settled for a rejected transfer is refused loudly.
        apply(confirmed(first, tid, 1_000));
        assertThatThrownBy(() -> apply(settled(first, tid, 1_000))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("TRANSFER_STATE_CONFLICT"));
        assertThat(Fixtures.balance(m)).isEqualTo(100_000);
        request(m, UUID.randomUUID().toString(), "110000", "BJ777").then().statusCode(201);
    }

    @Test
    void notificationsOutOfOrderOrWrongAreRefusedWithoutMovingMoney() {
        Member m = Fixtures.member(0);
        UUID id = UUID.fromString(request(m, UUID.randomUUID().toString(), "440300", "SZ1").path("id"));
        String tid = awaitSubmitted(id);
        assertThatThrownBy(() -> apply(settled(id, tid, 9_000))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("TRANSFER_NOT_READY"));
        apply(confirmed(id, tid, 9_000));
        assertThatThrownBy(() -> apply(settled(id, tid, 9_001))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("TRANSFER_AMOUNT_MISMATCH"));
        assertThatThrownBy(() -> apply(confirmed(id, "NTP-OTHER", 9_000))).isInstanceOfSatisfying(
                ApiException.class, e -> assertThat(e.code()).isEqualTo("TRANSFER_STATE_CONFLICT"));
        assertThatThrownBy(() -> apply(settled(UUID.randomUUID(), "NTP-UNKNOWN", 9_000)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(Fixtures.balance(m)).isZero();
        apply(settled(id, tid, 9_000));
        assertThat(Fixtures.balance(m)).isEqualTo(9_000);
    }

    @Test
    void moneyComingIntoAClosedAccountReopensItSealed() {
        Member m = Fixtures.member().balance(0).status("CLOSED", java.time.LocalDate.of(2025, 1, 1)).create();
        UUID id = UUID.fromString(request(m, UUID.randomUUID().toString(), "320100", "NJ42").path("id"));
        String tid = awaitSubmitted(id);
        apply(confirmed(id, tid, 77_000));
        apply(settled(id, tid, 77_000));
        assertThat(Db.queryString("SELECT status FROM account WHERE member_id = " + m.id())).isEqualTo("SEALED");
        assertThat(Fixtures.balance(m)).isEqualTo(77_000);
    }

    @Test
    void aTransferTheOriginNeverAnswersIsReportedStuckUntilItEnds() {
        Member m = Fixtures.member(0);
        UUID id = UUID.fromString(request(m, UUID.randomUUID().toString(), "340100", "HF" + m.id()).path("id"));
        String tid = awaitSubmitted(id);
        Awaitility.await().atMost(WAIT).until(() -> stuck().contains(id.toString()));
        apply(new PlatformCallback("TRANSFER_IN_REJECTED", tid, id.toString(), null, "ORIGIN_TIMEOUT",
                "The origin centre did not answer.", null, null, null, null, Instant.now()));
        assertThat(stuck()).doesNotContain(id.toString());
    }

    private static List<String> stuck() {
        return cn.hpf.mobile.support.Api.asOperator().get("/v1/ops/reconciliation").then().statusCode(200)
                .extract().jsonPath().getList("mismatches.findAll { it.kind == 'STUCK_TRANSFER' }.withdrawalId");
    }

    @Test
    void anUnreachablePlatformGetsTheRequestLater() {
        Member m = Fixtures.member(0);
        platform.unreachableFor(1);
        UUID id = UUID.fromString(request(m, UUID.randomUUID().toString(), "510100", "CD9").path("id"));
        Awaitility.await().atMost(WAIT).until(() -> platform.unreachableCallsLeft() == 0);
        assertThat(Db.queryString("SELECT platform_transfer_id FROM transfer_in WHERE id = '" + id + "'")).isNull();
        retry.pass(Duration.ZERO).await().atMost(WAIT);
        assertThat(awaitSubmitted(id)).isEqualTo(RecordingTransferPlatform.platformId(id));
    }

    @Test
    void badRequestsAreClear() {
        Member m = Fixtures.member(0);
        request(m, UUID.randomUUID().toString(), "31000", "SH1").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("originCentreCode"));
        request(m, UUID.randomUUID().toString(), "310000", "has space").then().statusCode(400)
                .body("field", equalTo("originAccountNo"));
        request(m, UUID.randomUUID().toString(), "999999", "X1").then().statusCode(422)
                .body("code", equalTo("ORIGIN_CENTRE_UNKNOWN"));
        request(m, UUID.randomUUID().toString(), "330109", "X1").then().statusCode(422)
                .body("code", equalTo("ORIGIN_CENTRE_IS_THIS_CENTRE"));
        m.api().contentType(ContentType.JSON).body(Map.of("originCentreCode", "310000", "originAccountNo", "SH1"))
                .post("/v1/me/transfers-in").then().statusCode(400).body("code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
        String key = UUID.randomUUID().toString();
        request(m, key, "310000", "SH2").then().statusCode(201);
        request(m, key, "310000", "SH3").then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        io.restassured.RestAssured.given().get("/v1/me/transfers-in").then().statusCode(401);
        io.restassured.RestAssured.given().get("/v1/transfer-centres").then().statusCode(200)
                .body("items.find { it.own }.code", equalTo("330109"));
    }

    @Test
    void theStatusIsPushedLiveUntilCredited() throws Exception {
        Member m = Fixtures.member(0);
        UUID id = UUID.fromString(request(m, UUID.randomUUID().toString(), "420100", "WH5").path("id"));
        String tid = awaitSubmitted(id);
        HttpRequest open = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/v1/me/transfers-in/" + id + "/events"))
                .header("Authorization", "Bearer " + m.token()).header("Accept", "text/event-stream").build();
        HttpResponse<java.util.stream.Stream<String>> stream = HttpClient.newHttpClient()
                .send(open, HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> stream.body().forEach(lines::add));
        Awaitility.await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.contains("\"REQUESTED\"")));
        apply(confirmed(id, tid, 12_000));
        apply(settled(id, tid, 12_000));
        closed.get(30, java.util.concurrent.TimeUnit.SECONDS); // the stream ends at CREDITED
        List<String> statuses = lines.stream().filter(l -> l.startsWith("id:")).toList();
        assertThat(statuses).containsSubsequence("id:REQUESTED", "id:CREDITED");
        assertThat(statuses).doesNotHaveDuplicates();
        // Another member's transfer is not found before any stream opens.
        Fixtures.member(0).api().accept("text/event-stream").get("/v1/me/transfers-in/" + id + "/events").then()
                .statusCode(404).contentType("application/problem+json").body("code", equalTo("TRANSFER_NOT_FOUND"));
    }

    private static Response request(Member m, String key, String centre, String account) {
        return m.api().contentType(ContentType.JSON).header(Idempotency.HEADER, key)
                .body(Map.of("originCentreCode", centre, "originAccountNo", account))
                .post("/v1/me/transfers-in").then().extract().response();
    }

    private static String awaitSubmitted(UUID id) {
        return Awaitility.await().atMost(WAIT).until(() -> Db.queryString(
                "SELECT platform_transfer_id FROM transfer_in WHERE id = '" + id + "'"), java.util.Objects::nonNull);
    }

    private void apply(PlatformCallback cb) {
        service.apply(cb).await().atMost(WAIT);
    }

    static PlatformCallback confirmed(UUID id, String tid, long amount) {
        return new PlatformCallback("TRANSFER_IN_CONFIRMED", tid, id.toString(), amount, null, null, null, null, null,
                null, Instant.now());
    }

    static PlatformCallback settled(UUID id, String tid, long amount) {
        return new PlatformCallback("TRANSFER_IN_SETTLED", tid, id.toString(), amount, null, null, null, null, null,
                null, Instant.now());
    }
}
