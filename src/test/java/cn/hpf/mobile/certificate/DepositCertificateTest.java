package cn.hpf.mobile.certificate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.account.EntryType;
import cn.hpf.mobile.account.LedgerRepository;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DepositCertificateTest {

    private static final String VERIFY_BASE = "https://hpf.example.com/h5/verify?code=";

    /** One member with a year of deposits and an employer, and her certificate: the PDF tests share it. */
    private static Member holder;
    private static Issued issued;

    record Issued(String id, String code, OffsetDateTime validUntil) {
    }

    static synchronized Member holder() {
        if (holder == null) {
            holder = Fixtures.member().withHistory().employer(2).create();
            issued = issue(holder, UUID.randomUUID().toString(), "{\"type\":\"DEPOSIT\"}");
        }
        return holder;
    }

    static Issued issue(Member m, String key, String body) {
        Response r = m.api().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/me/certificates");
        r.then().statusCode(201);
        return new Issued(r.path("id"), r.path("verificationCode"), OffsetDateTime.parse(r.path("validUntil")));
    }

    @Test
    void issuesOnceAndReplaysTheSameAnswerForTheSameKey() {
        Member m = Fixtures.member().withHistory().employer(1).create();
        String key = UUID.randomUUID().toString();
        String body = "{\"type\":\"DEPOSIT\",\"from\":\"2024-01\",\"to\":\"2024-12\"}";
        Response first = m.api().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/me/certificates");
        first.then().statusCode(201).header("Idempotent-Replayed", (String) null);
        String code = first.path("verificationCode");
        assertThat(code).matches("^[A-Za-z0-9_-]{22}$");
        assertThat(OffsetDateTime.parse(first.path("validUntil")))
                .isBetween(OffsetDateTime.now().plusDays(90).minusMinutes(5), OffsetDateTime.now().plusDays(90).plusMinutes(5));

        Response replay = m.api().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/me/certificates");
        replay.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(replay.asString()).isEqualTo(first.asString());
        assertThat(Db.queryLong("SELECT count(*) FROM deposit_certificate WHERE member_id = " + m.id())).isEqualTo(1);

        m.api().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"type\":\"DEPOSIT\",\"from\":\"2024-02\",\"to\":\"2024-12\"}")
                .post("/v1/me/certificates").then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        m.api().contentType(ContentType.JSON).body(body).post("/v1/me/certificates")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
        assertThat(Db.queryLong("SELECT count(*) FROM deposit_certificate WHERE member_id = " + m.id())).isEqualTo(1);
    }

    @Test
    void aBadPeriodOrTypeIsRefusedNamingTheField() {
        Member m = holder();
        YearMonth now = YearMonth.now(Zones.SHANGHAI);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{}", "type");
        cases.put("{\"type\":\"INCOME\"}", "type");
        cases.put("{\"type\":\"DEPOSIT\",\"from\":\"2025-13\"}", "from");
        cases.put("{\"type\":\"DEPOSIT\",\"from\":\"2025-1\"}", "from");
        cases.put("{\"type\":\"DEPOSIT\",\"to\":\"" + now.plusMonths(1) + "\"}", "to");
        cases.put("{\"type\":\"DEPOSIT\",\"from\":\"2025-06\",\"to\":\"2025-05\"}", "from");
        cases.put("{\"type\":\"DEPOSIT\",\"from\":\"2020-01\",\"to\":\"2023-01\"}", "from");
        cases.forEach((body, field) -> m.api().contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post("/v1/me/certificates")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_PARAMETER")).body("field", equalTo(field)));
        // 36 months is the most, and is fine.
        issue(m, UUID.randomUUID().toString(), "{\"type\":\"DEPOSIT\",\"from\":\"" + now.minusMonths(35) + "\",\"to\":\""
                + now + "\"}");
    }

    @Test
    void thePdfStatesTheLedgersDepositsTheMaskedIdAndTheBalanceInChineseAndEnglish() throws Exception {
        Member m = holder();
        Path pdf = PdfTools.write(download(m, issued.id()));
        String text = PdfTools.text(pdf);

        assertThat(text).contains("住房公积金缴存证明", "Housing Provident Fund Deposit Certificate", "姓名 Name",
                "证件号码 ID number", "缴存单位 Employer", "缴存基数 Deposit base", "缴存比例 Deposit rates",
                "月缴存额 Monthly deposit", "账户余额 Balance", "缴存明细 Monthly deposits", "杭州住房公积金管理中心萧山分中心",
                "浙江钱江世纪城建设工程有限公司", "单位 Employer 12%", "个人 Member 12%", issued.code());
        assertThat(text).contains(yuan(Db.queryLong("SELECT deposit_base_fen FROM account WHERE member_id = " + m.id()))
                + " 元 CNY");
        String masked = m.idNumber().substring(0, 4) + "**********" + m.idNumber().substring(14);
        assertThat(text).contains(masked).doesNotContain(m.idNumber());
        assertThat(text).contains(yuan(Db.queryLong("SELECT balance_fen FROM account WHERE member_id = " + m.id())));

        Map<String, Long> deposits = ledgerDeposits(m.id());
        assertThat(deposits).hasSize(12);
        for (var d : deposits.entrySet()) {
            assertThat(Pattern.compile(Pattern.quote(d.getKey()) + "\\s+" + Pattern.quote(yuan(d.getValue()))
                    + "\\s+已缴 Paid").matcher(text).find()).as("%s %s in:%n%s", d.getKey(), d.getValue(), text).isTrue();
        }
    }

    @Test
    void thePageRendersWithAQrCodeOfTheVerificationUrl() throws Exception {
        Member m = holder();
        Path pdf = PdfTools.write(download(m, issued.id()));
        BufferedImage page = PdfTools.render(pdf, 50);
        // A4 at 50 dpi: 413 × 585 pixels.
        assertThat(page.getWidth()).isBetween(400, 420);
        assertThat(page.getHeight()).isBetween(575, 595);
        assertThat(PdfTools.inkedShare(page)).as("ink on the page").isBetween(0.02, 0.5);
        assertThat(PdfTools.qr(page)).isEqualTo(VERIFY_BASE + issued.code());
    }

    @Test
    void pdfsigFindsTheCentresSignatureValidAndATamperedCopyInvalid() throws Exception {
        Member m = holder();
        byte[] signed = download(m, issued.id());
        String report = PdfTools.signatures(PdfTools.write(signed));
        assertThat(report).contains("Signature is Valid", "SHA-256", "adbe.pkcs7.detached",
                "Hangzhou Housing Provident Fund Management Centre");
        assertThat(report).containsPattern("Signed Ranges: \\[0 - \\d+\\], \\[\\d+ - " + signed.length + "\\]");

        // The version digit of the header ("%PDF-1.x") is inside the first signed range and harmless to parsing.
        byte[] tampered = signed.clone();
        assertThat(new String(tampered, 0, 7, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.");
        tampered[7] = (byte) (tampered[7] == '4' ? '5' : '4');
        String tamperedReport = PdfTools.signatures(PdfTools.write(tampered));
        assertThat(tamperedReport).contains("Signature Validation").doesNotContain("Signature is Valid");
    }

    @Test
    void aMonthWithoutDepositIsStatedAsNoneAndTheStatementNeverChangesAfterIssue() throws Exception {
        Member m = Fixtures.member().withHistory().create();
        YearMonth last = YearMonth.now(Zones.SHANGHAI).minusMonths(1);
        Issued early = issue(m, UUID.randomUUID().toString(), "{\"type\":\"DEPOSIT\",\"from\":\"" + last.minusMonths(12)
                + "\",\"to\":\"" + last + "\"}");
        String before = PdfTools.text(PdfTools.write(download(m, early.id())));
        assertThat(before).containsPattern(Pattern.quote(last.minusMonths(12).toString()) + "\\s+0\\.00\\s+未缴 None");
        assertThat(before).contains("12 个月已缴 months paid of 13", "缴存单位 Employer");

        // A later deposit moves the live account, not what the issued certificate states.
        Arc.container().instance(LedgerRepository.class).get()
                .post(m.id(), EntryType.DEPOSIT, 288_000, "汇缴 Monthly deposit (test)", "test:" + UUID.randomUUID(),
                        Caller.system("test"))
                .await().atMost(Duration.ofSeconds(10));
        String after = PdfTools.text(PdfTools.write(download(m, early.id())));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aMemberGetsOnlyHerOwnCertificates() {
        Member m = holder();
        Member other = Fixtures.member().create();
        other.api().get("/v1/me/certificates/" + issued.id() + "/pdf").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("CERTIFICATE_NOT_FOUND"));
        m.api().get("/v1/me/certificates/" + UUID.randomUUID() + "/pdf").then().statusCode(404)
                .body("code", equalTo("CERTIFICATE_NOT_FOUND"));
        m.api().get("/v1/me/certificates/not-a-uuid/pdf").then().statusCode(404)
                .body("code", equalTo("CERTIFICATE_NOT_FOUND"));
        given().get("/v1/me/certificates/" + issued.id() + "/pdf").then().statusCode(401);
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k").body("{\"type\":\"DEPOSIT\"}")
                .post("/v1/me/certificates").then().statusCode(401);
    }

    static byte[] download(Member m, String id) {
        return m.api().get("/v1/me/certificates/" + id + "/pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
    }

    /** The member's 汇缴 entries per month (Asia/Shanghai), as the ledger has them. */
    static Map<String, Long> ledgerDeposits(long memberId) throws Exception {
        Map<String, Long> months = new LinkedHashMap<>();
        try (Connection c = Db.connect(); PreparedStatement ps = c.prepareStatement("""
                SELECT to_char(occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), sum(amount_fen)
                FROM ledger_entry WHERE member_id = ? AND type = 'DEPOSIT' GROUP BY 1 ORDER BY 1""")) {
            ps.setLong(1, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    months.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return months;
    }

    static String yuan(long fen) {
        return String.format("%,d.%02d", fen / 100, fen % 100);
    }
}
