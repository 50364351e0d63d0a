package cn.hpf.mobile.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.oneOf;

import cn.hpf.mobile.common.PersonalData;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import cn.hpf.mobile.support.Fixtures.Partner;
import cn.hpf.partner.client.PartnerClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole journey — sign-in by ID number, account, bank cards, statements, face verification, withdrawals paid out,
 * certificates, a partner's signed calls, operators' routes, transfers in and out — for a demo member, fixture
 * members and synthetic members (V7's generator), with the application and the frameworks logging at DEBUG and the
 * access log on. Then every log line written and every answer received is searched for those members' ID numbers
 * and card numbers as the database holds them: known values, not shapes, so a number the log filter's shapes miss
 * is still found, and a timestamp that happens to look like a card raises nothing.
 */
@QuarkusTest
@TestProfile(PersonalDataLeakTest.DebugLogs.class)
class PersonalDataLeakTest {

    private static final Logger LOG = Logger.getLogger(PersonalDataLeakTest.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient STREAMS = HttpClient.newHttpClient();
    /** This run's log file (a fresh one per JVM, so an earlier run's lines are never scanned). */
    static final Path LOG_DIR = Path.of("target", "personal-data-scan");
    static final String LOG_NAME = "app-" + ProcessHandle.current().pid() + ".log";
    /** Synthetic members of this test: hpf_generate_members numbers them from here (password Load@2026). */
    private static final int FIRST_SYNTHETIC = 900_001;
    private static final int SYNTHETIC = 2;

    public static class DebugLogs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    // Everything at DEBUG into the file this test reads; the console stays at INFO (the build log).
                    Map.entry("quarkus.log.level", "DEBUG"),
                    Map.entry("quarkus.log.console.level", "INFO"),
                    Map.entry("quarkus.log.file.enabled", "true"),
                    Map.entry("quarkus.log.file.path", LOG_DIR.resolve(LOG_NAME).toString()),
                    Map.entry("quarkus.log.file.level", "ALL"),
                    Map.entry("quarkus.log.file.rotation.max-file-size", "2G"),
                    // The frameworks that could print bodies, parameters or statements.
                    Map.entry("quarkus.log.category.\"cn.hpf\".level", "DEBUG"),
                    Map.entry("quarkus.log.category.\"io.vertx\".level", "DEBUG"),
                    Map.entry("quarkus.log.category.\"io.netty\".level", "DEBUG"),
                    Map.entry("quarkus.log.category.\"org.jboss.resteasy.reactive\".level", "DEBUG"),
                    Map.entry("quarkus.log.category.\"io.quarkus.resteasy.reactive\".level", "DEBUG"),
                    Map.entry("quarkus.log.category.\"io.quarkus.rest\".level", "DEBUG"),
                    Map.entry("quarkus.log.category.\"io.quarkus.vertx.http\".level", "DEBUG"),
                    Map.entry("quarkus.log.category.\"org.hibernate\".level", "DEBUG"),
                    Map.entry("quarkus.log.category.\"io.smallrye\".level", "DEBUG"),
                    Map.entry("quarkus.log.category.\"io.quarkus.smallrye.jwt\".level", "DEBUG"),
                    Map.entry("quarkus.log.category.\"io.quarkus.oidc\".level", "DEBUG"),
                    Map.entry("quarkus.log.category.\"io.quarkus.redis\".level", "DEBUG"),
                    Map.entry("quarkus.log.category.\"io.quarkus.reactive\".level", "DEBUG"),
                    Map.entry("quarkus.log.category.\"io.quarkus.security\".level", "DEBUG"),
                    // The test's own HTTP clients share the log manager: their wire logs are not the application's.
                    Map.entry("quarkus.log.category.\"org.apache.http\".level", "INFO"),
                    Map.entry("quarkus.log.category.\"jdk.internal.httpclient\".level", "INFO"),
                    Map.entry("quarkus.log.category.\"org.apache.fontbox\".level", "INFO"),
                    Map.entry("quarkus.http.access-log.enabled", "true"),
                    Map.entry("quarkus.http.access-log.pattern", "combined"));
        }
    }

    /** What one member's journey needs: her identity as the database holds it, and how she signs in. */
    record Journeyer(String kind, Member member, String password, boolean movesMoney) {
    }

    /** An answer received during the journey: what was asked, and everything that came back as text. */
    record Answer(String request, int status, String text) {
    }

    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final Filter recorder = this::record;
    private List<Filter> previousFilters;

    @BeforeEach
    void recordEveryAnswer() {
        previousFilters = new ArrayList<>(RestAssured.filters());
        RestAssured.filters(recorder);
    }

    @AfterEach
    void stopRecording() {
        RestAssured.replaceFiltersWith(previousFilters);
    }

    @Test
    void noFullIdOrCardNumberInAnyAnswerOrLogLine() throws Exception {
        assertThat(ConfigProvider.getConfig().getValue("quarkus.log.console.filter", String.class))
                .as("the console handler masks too").isEqualTo("personal-data");

        List<Journeyer> people = new ArrayList<>();
        people.add(new Journeyer("demo", memberOf(2), Api.PASSWORD, false));
        people.add(new Journeyer("fixture", Fixtures.member().withHistory().create(), Api.PASSWORD, true));
        people.add(new Journeyer("fixture", Fixtures.member(2_000_000), Api.PASSWORD, true));
        for (Member m : syntheticMembers()) {
            people.add(new Journeyer("synthetic", m, "Load@2026", true));
        }

        Partner partner = Fixtures.partner();
        List<UUID> withdrawals = new ArrayList<>();
        for (Journeyer j : people) {
            journey(j, partner, withdrawals);
        }
        operatorRoutes(partner);

        // The safety net on its own: a framework echoing a number in a message is masked on the way out.
        Member probe = people.get(1).member();
        LOG.debugf("probe: a framework echoed %s", probe.idNumber());
        LOG.debugf(new IllegalStateException("echoed " + probe.idNumber()), "probe: an exception message");

        List<String> leaks = scan(people);
        assertThat(leaks).as("full ID or card numbers of the journey's members in answers or log lines").isEmpty();
        String log = logText();
        assertThat(log).as("the probe's line, masked").contains("probe: a framework echoed "
                + PersonalData.idNumber(probe.idNumber()));
        assertThat(log).as("DEBUG lines of the frameworks and the access log were captured")
                .contains("DEBUG").contains("org.jboss.resteasy.reactive").contains("access-log")
                .contains("GET /v1/me/account");
        assertThat(answers).as("answers recorded").hasSizeGreaterThan(60);
        System.out.printf("personal data scan: %d members, %d withdrawals, %d answers, %d log lines%n",
                people.size(), withdrawals.size(), answers.size(), log.lines().count());
    }

    private void journey(Journeyer j, Partner partner, List<UUID> withdrawals) {
        Member m = j.member();
        String token = signIn(j);
        for (String target : List.of("/v1/me/account", "/v1/me/bank-cards", "/v1/me/statements", "/v1/me/loans",
                "/v1/me/guide/withdrawal-categories", "/v1/me/channel-authorizations")) {
            as(token).get(target).then().statusCode(200);
        }

        // Mistakes that carry the number where it does not belong: echoed in a detail or an exception at most.
        as(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("category", "RENT", "amountFen", 10_000, "bankCardId", m.cardId(),
                        "faceVerificationId", m.idNumber()))
                .post("/v1/withdrawals").then().statusCode(oneOf(400, 404, 422));
        as(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"category\":\"RENT\",\"amountFen\":10000,\"bankCardId\":\"" + m.idNumber() + "X\"}")
                .post("/v1/withdrawals").then().statusCode(400);
        as(token).get("/v1/withdrawals/" + m.idNumber()).then().statusCode(oneOf(400, 404));
        as(token).get("/v1/me/transfers-in/" + m.idNumber()).then().statusCode(oneOf(400, 404));

        String face = face(token, "WITHDRAWAL");
        if (j.movesMoney()) {
            String category = "synthetic".equals(j.kind()) ? "RENT" : "PURCHASE";
            Response w = withdraw(token, category, 10_000, m.cardId(), face);
            if (w.statusCode() == 201) {
                UUID id = UUID.fromString(w.path("id"));
                withdrawals.add(id);
                Awaitility.await().atMost(WAIT).until(() -> List.of("PAID", "FAILED").contains(
                        as(token).get("/v1/withdrawals/" + id).then().statusCode(200).extract()
                                .<String>path("status")));
                stream("/v1/withdrawals/" + id + "/events", token);
            } else {
                // A synthetic member of an earlier run may have had this month's rent already.
                assertThat(w.statusCode()).as(w.asString()).isEqualTo(422);
            }
        } else {
            // A demo member's money stays as other tests expect it: admission runs its checks and refuses.
            withdraw(token, "RENT", 90_000_000L, m.cardId(), face).then().statusCode(422);
        }
        as(token).get("/v1/me/withdrawals").then().statusCode(200);

        Response cert = as(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(Map.of("type", "DEPOSIT"))
                .post("/v1/me/certificates");
        cert.then().statusCode(oneOf(201, 422));
        if (cert.statusCode() == 201) {
            as(token).get("/v1/me/certificates/" + cert.path("id") + "/pdf").then().statusCode(200);
            // Public and rate limited per address: an earlier test of this minute may have used the window up.
            given().get("/v1/certificates/verify/" + cert.path("verificationCode")).then()
                    .statusCode(oneOf(200, 429));
        }

        PartnerClient.Tokens granted = Fixtures.consent(partner, m, "account", "statements", "withdrawal");
        for (String target : List.of("/partner/v1/account", "/partner/v1/bank-cards", "/partner/v1/statements",
                "/partner/v1/withdrawals?outBizNo=PII-NONE")) {
            PartnerClient.Reply reply = partner.client().get(target, granted.accessToken());
            answers.add(new Answer("partner GET " + target, reply.status(), reply.headers() + "\n" + reply.text()));
            assertThat(reply.status()).as(target + " " + reply.text()).isEqualTo(200);
        }

        if (j.movesMoney() && !"synthetic".equals(j.kind())) {
            transfers(m, token);
        }
    }

    /** Her own sign-in with her ID number as the login (password, then the SMS code), and a face sign-in started. */
    private String signIn(Journeyer j) {
        Member m = j.member();
        given().contentType(ContentType.JSON).body(Map.of("login", m.idNumber(), "channel", "APP"))
                .post("/v1/auth/sign-in/face").then().statusCode(oneOf(201, 429));
        if ("fixture".equals(j.kind())) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("login", m.idNumber(), "password", "wrong-" + j.password(), "channel", "APP"))
                    .post("/v1/auth/sign-in/sms-code").then().statusCode(401);
        }
        Response sent = given().contentType(ContentType.JSON)
                .body(Map.of("login", m.idNumber(), "password", j.password(), "channel", "APP"))
                .post("/v1/auth/sign-in/sms-code");
        if (sent.statusCode() == 201) {
            String code = given().queryParam("mobile", m.mobile()).get("/sandbox/sms/messages").then().statusCode(200)
                    .extract().path("messages[0].code");
            return given().contentType(ContentType.JSON)
                    .body(Map.of("challengeId", sent.path("challengeId"), "code", code)).post("/v1/auth/sign-in")
                    .then().statusCode(200).extract().path("accessToken");
        }
        // Codes are rate limited per member: a demo or synthetic member of an earlier run within the hour.
        assertThat(sent.statusCode()).as(sent.asString()).isEqualTo(429);
        return given().contentType(ContentType.JSON)
                .body(Map.of("memberNo", m.memberNo(), "password", j.password(), "channel", "APP"))
                .post("/v1/auth/token").then().statusCode(200).extract().path("accessToken");
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private String face(String token, String purpose) {
        String id = as(token).contentType(ContentType.JSON).body(Map.of("purpose", purpose))
                .post("/v1/face-verifications").then().statusCode(201).extract().path("id");
        as(token).contentType(ContentType.JSON).body(Map.of("outcome", "PASS"))
                .post("/sandbox/face-provider/verifications/" + id + "/complete").then().statusCode(200);
        as(token).get("/v1/face-verifications/" + id).then().statusCode(200);
        return id;
    }

    private static Response withdraw(String token, String category, long amountFen, long cardId, String face) {
        return as(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("category", category, "amountFen", amountFen, "bankCardId", cardId,
                        "faceVerificationId", face))
                .post("/v1/withdrawals");
    }

    /** A balance fetched from another centre, then another centre's request for hers, which it cancels. */
    private void transfers(Member m, String token) {
        String account = "PII-" + m.id();
        Api.asOperator().contentType(ContentType.JSON).body(Map.of("centreCode", "310000", "accountNo", account,
                        "idNumber", m.idNumber(), "name", "测试" + m.id(), "balanceFen", 50_000, "frozen", false))
                .post("/sandbox/transfer-platform/origin-accounts").then().statusCode(200);
        String in = as(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("originCentreCode", "310000", "originAccountNo", account)).post("/v1/me/transfers-in")
                .then().statusCode(201).extract().path("id");
        Awaitility.await().atMost(WAIT).until(() -> "CREDITED".equals(as(token)
                .get("/v1/me/transfers-in/" + in).then().statusCode(200).extract().path("status")));
        stream("/v1/me/transfers-in/" + in + "/events", token);

        String platformId = Api.asOperator().contentType(ContentType.JSON).body(Map.of("accountNo", m.memberNo(),
                        "idNumber", m.idNumber(), "destinationCentreCode", "310000", "destinationAccountNo",
                        "SH-PII-" + m.id(), "outcome", "CANCEL"))
                .post("/sandbox/transfer-platform/transfers-out").then().statusCode(201).extract().path("transferId");
        Awaitility.await().atMost(WAIT).until(() -> "VOIDED".equals(as(token)
                .get("/v1/me/transfers-out").then().statusCode(200).extract().path("items[0].status")));
        String out = as(token).get("/v1/me/transfers-out").then().extract().path("items[0].id");
        as(token).get("/v1/me/transfers-out/" + out).then().statusCode(200);
        stream("/v1/me/transfers-out/" + out + "/events", token);
        Api.asOperator().get("/sandbox/transfer-platform/transfers/" + platformId).then().statusCode(200);
    }

    private void operatorRoutes(Partner partner) {
        Api.asOperator().get("/v1/ops/reconciliation").then().statusCode(200);
        Api.asOperator().get("/v1/ops/payouts/unknown").then().statusCode(200);
        Api.asOperator().get("/v1/ops/channels/" + partner.appId() + "/deliveries").then().statusCode(200);
        Api.asOperator().get("/v1/ops/channels/" + partner.appId()).then().statusCode(200);
        Api.asOperator().get("/v1/ops/switches").then().statusCode(200);
    }

    /** An event stream until it closes (a finished withdrawal's or transfer's does at once) or for ten seconds. */
    private void stream(String target, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + target))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        List<String> lines = new CopyOnWriteArrayList<>();
        try {
            HttpResponse<Stream<String>> response = STREAMS.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> response.body().forEach(lines::add));
            try {
                reading.get(10, TimeUnit.SECONDS);
            } catch (TimeoutException stillOpen) {
                reading.cancel(true);
            }
            answers.add(new Answer("GET " + target + " (event stream)", response.statusCode(),
                    response.headers() + "\n" + String.join("\n", lines)));
            assertThat(response.statusCode()).isEqualTo(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(target, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(target, e);
        }
    }

    private Response record(FilterableRequestSpecification request, FilterableResponseSpecification spec,
                            FilterContext ctx) {
        Response r = ctx.next(request, spec);
        String type = r.getContentType() == null ? "" : r.getContentType();
        String body = type.startsWith("application/pdf") ? pdfText(r.asByteArray()) : r.asString();
        answers.add(new Answer(request.getMethod() + " " + request.getURI(), r.getStatusCode(),
                r.getHeaders() + "\n" + body));
        return r;
    }

    private static String pdfText(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable certificate", e);
        }
    }

    /**
     * Every place a member's full number shows: her ID number, or her card's number unmasked (its first and last
     * four digits around the middle ones, in whatever grouping); each told masked, with where it was found.
     */
    private List<String> scan(List<Journeyer> people) throws IOException, SQLException {
        List<Known> known = known(people);
        List<String> leaks = new ArrayList<>();
        for (Answer a : answers) {
            for (Known k : known) {
                if (k.in(a.text())) {
                    leaks.add(k.what() + " in the answer to " + PersonalData.text(a.request()) + " (" + a.status()
                            + ")");
                }
            }
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(LOG_DIR)) {
            files = listed.filter(p -> p.getFileName().toString().startsWith(LOG_NAME)).toList();
        }
        assertThat(files).as("the log files of this run").isNotEmpty();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                for (Known k : known) {
                    if (k.in(lines.get(i))) {
                        String line = PersonalData.text(lines.get(i));
                        int from = Math.max(0, line.indexOf("\"message\""));
                        leaks.add(k.what() + " in " + file.getFileName() + ":" + (i + 1) + " "
                                + line.substring(from, Math.min(from + 240, line.length())));
                    }
                }
            }
        }
        return leaks;
    }

    /** A member's number as the database holds it, and how to find it in text. */
    record Known(String what, Pattern pattern) {
        boolean in(String text) {
            return pattern.matcher(text).find();
        }
    }

    /** The demo members' and this journey's members' ID numbers, and their cards as the database holds them. */
    private static List<Known> known(List<Journeyer> people) throws SQLException {
        StringBuilder ids = new StringBuilder("1, 2, 3, 4, 5, 6, 7, 8");
        for (Journeyer j : people) {
            ids.append(", ").append(j.member().id());
        }
        List<Known> known = new ArrayList<>();
        try (Connection c = Db.connect(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT id, id_number FROM member WHERE id IN (" + ids + ")")) {
                while (r.next()) {
                    String id = r.getString(2);
                    known.add(new Known("member " + r.getLong(1) + "'s ID number " + PersonalData.idNumber(id),
                            Pattern.compile(Pattern.quote(id.toUpperCase(Locale.ROOT)), Pattern.CASE_INSENSITIVE)));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT member_id, masked_number FROM bank_card WHERE member_id IN ("
                    + ids + ")")) {
                while (r.next()) {
                    String masked = r.getString(2);
                    String digits = masked.replaceAll("[^0-9]", "");
                    assertThat(masked).as("bank_card holds masked numbers only").contains("*");
                    known.add(new Known("member " + r.getLong(1) + "'s card " + masked, Pattern.compile(
                            "(?<![0-9])" + digits.substring(0, 4) + "(?:[ -]?[0-9]){8,11}[ -]?"
                                    + digits.substring(digits.length() - 4) + "(?![0-9])")));
                }
            }
        }
        assertThat(known).as("known numbers").hasSizeGreaterThan(2 * people.size());
        return known;
    }

    private static String logText() throws IOException {
        return Files.readString(LOG_DIR.resolve(LOG_NAME), StandardCharsets.UTF_8);
    }

    private static Member memberOf(long id) {
        return new Member(id, Db.queryString("SELECT member_no FROM member WHERE id = " + id),
                Db.queryString("SELECT id_number FROM member WHERE id = " + id),
                Db.queryLong("SELECT min(id) FROM bank_card WHERE member_id = " + id), null,
                Db.queryString("SELECT mobile FROM member WHERE id = " + id));
    }

    /** Load-test members made by V7's generator (idempotent), as a load test signs them in. */
    private static List<Member> syntheticMembers() {
        Db.queryLong("SELECT hpf_generate_members(" + FIRST_SYNTHETIC + ", " + SYNTHETIC + ")");
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < SYNTHETIC; i++) {
            members.add(memberOf(10_000_000L + FIRST_SYNTHETIC + i));
        }
        return members;
    }
}
