package cn.hpf.mobile.support;

import static io.restassured.RestAssured.given;

import cn.hpf.mobile.account.EntryType;
import cn.hpf.mobile.account.LedgerRepository;
import cn.hpf.mobile.calculator.RepaymentEngine;
import cn.hpf.mobile.calculator.RepaymentMethod;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.payout.PayoutDispatcher;
import cn.hpf.partner.client.PartnerClient;
import cn.hpf.partner.client.Pem;
import cn.hpf.partner.client.Pkce;
import io.quarkus.arc.Arc;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * The one entry point for test data, written through the application's own write paths wherever it has one:
 * balances are posted through the ledger's posting statement, face verifications go through the API and the
 * sandbox provider (signed callback included), withdrawals are admitted by {@code POST /v1/withdrawals}. Only what
 * the application has no way to write is inserted directly: the member and account rows and the member's employer
 * (they come from the centre's core system), loans (granted by the lending bank), sandbox facts of the data-sharing
 * platforms, the sandbox bank's scripted answers, and the states a crash leaves behind (an outbox lease, a lost
 * outbox row).
 *
 * <p>Members are fresh for every call (ids from 2,000,000 on; the test database is new every run), so a test that
 * moves money or attacks Redis never disturbs the shared demo members. Tokens are minted with the test signing
 * key ({@link Tokens}): the API verifies them exactly as the tokens it issues, without a login's key derivation.
 */
public final class Fixtures {

    private static final AtomicLong NEXT_MEMBER = new AtomicLong(2_000_000);
    /** Demo@2026, as the demo members: a test may also log a fixture member in through the real endpoint. */
    private static final String PASSWORD_HASH =
            "pbkdf2-sha256$120000$aHBmLWRlbW8tbWVtYmVyMQ$zowQz4SIHD3epsObMP0zUlXVPt0Iarf43BygINUXJow";

    private Fixtures() {
    }

    /** Minted tokens (10 minutes) kept for 5: minting one costs far more than the request it authorizes. */
    private static final Map<Long, Map.Entry<Long, String>> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    static String token(long memberId) {
        long now = System.nanoTime();
        Map.Entry<Long, String> t = TOKENS.get(memberId);
        if (t == null || now - t.getKey() > Duration.ofMinutes(5).toNanos()) {
            t = Map.entry(now, Tokens.valid(memberId));
            TOKENS.put(memberId, t);
        }
        return t.getValue();
    }

    public static MemberBuilder member() {
        return new MemberBuilder();
    }

    /** A NORMAL account holding {@code balanceFen}, one card, and a purchase contract (so PURCHASE is possible). */
    public static Member member(long balanceFen) {
        return member().balance(balanceFen).create();
    }

    /** A member of this test, with what the withdrawal and payout tests need to know of her. */
    public record Member(long id, String memberNo, String idNumber, long cardId, Long loanId, String mobile) {

        public String token() {
            return Fixtures.token(id);
        }

        public RequestSpecification api() {
            return given().auth().oauth2(token());
        }
    }

    public static final class MemberBuilder {
        private long balanceFen = 3_000_000;
        private boolean history;
        private Long loanOutstandingFen;
        private int birthYear = 1990;
        private String status = "NORMAL";
        private LocalDate statusSince = LocalDate.of(2020, 1, 1);
        private Long purchasePriceFen = 100_000_000_000L;
        private boolean ownsHome;
        private boolean minimumLivingAllowance;
        private Long employerId;
        private boolean mobile = true;

        public MemberBuilder balance(long fen) {
            this.balanceFen = fen;
            return this;
        }

        /** A year of monthly deposits, the opening transfer-in and the interest, as the demo members have. */
        public MemberBuilder withHistory() {
            this.history = true;
            return this;
        }

        /** An active HPF loan of this member with this much principal outstanding. */
        public MemberBuilder loan(long outstandingFen) {
            this.loanOutstandingFen = outstandingFen;
            return this;
        }

        public MemberBuilder bornIn(int year) {
            this.birthYear = year;
            return this;
        }

        public MemberBuilder status(String status, LocalDate since) {
            this.status = status;
            this.statusSince = since;
            return this;
        }

        public MemberBuilder withoutPurchaseContract() {
            this.purchasePriceFen = null;
            return this;
        }

        /** A purchase contract signed a month ago for home {@code HZ-FIX-<member id>} at this price. */
        public MemberBuilder purchaseContract(long priceFen) {
            this.purchasePriceFen = priceFen;
            return this;
        }

        public MemberBuilder ownsHomeInCity() {
            this.ownsHome = true;
            return this;
        }

        public MemberBuilder minimumLivingAllowance() {
            this.minimumLivingAllowance = true;
            return this;
        }

        /** Deposits through this employer (a reference employer of the certificates migration, 1–6). */
        public MemberBuilder employer(long employerId) {
            this.employerId = employerId;
            return this;
        }

        /** No mobile number on file (by default a member has 139 followed by her id on 8 digits). */
        public MemberBuilder withoutMobile() {
            this.mobile = false;
            return this;
        }

        public Member create() {
            long id = NEXT_MEMBER.incrementAndGet();
            String memberNo = "3399" + String.format("%08d", id);
            String idNumber = String.format("3301%04d0101%06d", birthYear, id % 1_000_000);
            String mobileNo = mobile ? String.format("139%08d", id % 100_000_000) : null;
            Db.exec("INSERT INTO member (id, member_no, name, id_number, birth_date, password_hash, mobile) VALUES ("
                    + id + ", '" + memberNo + "', '测试" + id + "', '" + idNumber + "', DATE '" + birthYear
                    + "-01-01', '" + PASSWORD_HASH + "', " + (mobileNo == null ? "NULL" : "'" + mobileNo + "'") + ")");
            Db.exec("INSERT INTO account (member_id, status, status_since, deposit_base_fen, employer_rate, "
                    + "member_rate, last_deposit_month) VALUES (" + id + ", '" + status + "', DATE '" + statusSince
                    + "', 1000000, 0.12, 0.12, date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date "
                    + "- interval '1 month')");
            if (history) {
                Db.exec("SELECT hpf_seed_history(" + id + ", " + id + ")");
            } else if (balanceFen > 0) {
                Arc.container().instance(LedgerRepository.class).get()
                        .post(id, EntryType.TRANSFER_IN, balanceFen, "转入 Opening transfer-in (test)",
                                "fixture:" + id, Caller.system("fixture"))
                        .await().atMost(Duration.ofSeconds(10));
            }
            long cardId = Db.queryLong("INSERT INTO bank_card (member_id, bank_code, bank_name, masked_number, "
                    + "holder_name) VALUES (" + id + ", 'ICBC', '中国工商银行 ICBC', '6222 **** **** " + (id % 10000)
                    + "', '测试" + id + "') RETURNING id");
            Long loanId = loanOutstandingFen == null ? null : Db.queryLong("INSERT INTO loan (member_id, contract_no, "
                    + "principal_fen, outstanding_principal_fen, annual_rate, term_months, method, start_date, "
                    + "lending_bank, lending_bank_account) VALUES (" + id + ", 'FIX-" + id + "', "
                    + Math.max(loanOutstandingFen, 1) + ", " + loanOutstandingFen + ", 0.031, 360, 'EQUAL_INSTALMENT', "
                    + "DATE '2022-01-01', '中国建设银行 (委贷银行)', '3300 **** **** " + (id % 10000) + "') RETURNING id");
            if (purchasePriceFen != null) {
                fact(idNumber, "PURCHASE_CONTRACT", "'HZ-FIX-" + id + "'", Long.toString(purchasePriceFen),
                        "(now() AT TIME ZONE 'Asia/Shanghai')::date - interval '1 month'");
            }
            if (ownsHome) {
                fact(idNumber, "OWNS_HOME_IN_CITY", "'HZ-OWN-" + id + "'", "NULL", "DATE '2020-01-01'");
            }
            if (minimumLivingAllowance) {
                fact(idNumber, "MIN_LIVING_ALLOWANCE", "NULL", "NULL", "DATE '2020-01-01'");
            }
            if (employerId != null) {
                Db.exec("INSERT INTO member_employer (member_id, employer_id, since) VALUES (" + id + ", " + employerId
                        + ", DATE '2020-01-01')");
            }
            return new Member(id, memberNo, idNumber, cardId, loanId, mobileNo);
        }

        private static void fact(String idNumber, String fact, String homeId, String price, String on) {
            Db.exec("INSERT INTO sandbox_data_sharing (id_number, fact, home_id, price_fen, occurred_on) VALUES ('"
                    + idNumber + "', '" + fact + "', " + homeId + ", " + price + ", (" + on + ")::date)");
        }
    }

    /** A face verification of the member for WITHDRAWAL, passed just now through the sandbox provider. */
    public static UUID face(Member m) {
        return face(m, "WITHDRAWAL");
    }

    /** A face verification for {@code purpose} (WITHDRAWAL, PREPAYMENT), passed just now. */
    public static UUID face(Member m, String purpose) {
        return face(m.id(), purpose);
    }

    /** The same for any member, the demo members included. */
    public static UUID face(long memberId, String purpose) {
        return completedFace(memberId, purpose, "PASS");
    }

    /** A face verification the member failed. */
    public static UUID failedFace(long memberId, String purpose) {
        return completedFace(memberId, purpose, "FAIL");
    }

    private static UUID completedFace(long memberId, String purpose, String outcome) {
        UUID id = pendingFace(memberId, purpose);
        FastClient.Answer done = postAsAClientDoes("/sandbox/face-provider/verifications/" + id + "/complete",
                token(memberId), Map.of("outcome", outcome));
        String expected = "PASS".equals(outcome) ? "PASSED" : "FAILED";
        if (done.status() != 200 || !expected.equals(done.text("status"))) {
            throw new IllegalStateException("face verification not " + expected + ": " + done);
        }
        return id;
    }

    /** A face verification started and not finished (PENDING). */
    public static UUID pendingFace(long memberId, String purpose) {
        FastClient.Answer created = postAsAClientDoes("/v1/face-verifications", token(memberId),
                Map.of("purpose", purpose));
        if (created.status() != 201 || !"PENDING".equals(created.text("status"))) {
            throw new IllegalStateException("face verification not created: " + created);
        }
        return UUID.fromString(created.text("id"));
    }

    /**
     * Posts and, like a client told 503 SERVICE_BUSY (nothing was sent to the database), asks again: a test profile
     * with a one-connection pool shares it with the application's background jobs.
     */
    private static FastClient.Answer postAsAClientDoes(String path, String token, Map<String, ?> body) {
        AtomicReference<FastClient.Answer> answer = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            answer.set(FastClient.post(path, token, null, body));
            return !(answer.get().status() == 503 && "SERVICE_BUSY".equals(answer.get().text("code")));
        });
        return answer.get();
    }

    /** A face verification that passed longer ago than it may be used (the application's clock moved back). */
    public static UUID staleFace(long memberId, String purpose) {
        TestClock.shift(Duration.ofMinutes(-10));
        try {
            return face(memberId, purpose);
        } finally {
            TestClock.shift(Duration.ofMinutes(10));
        }
    }

    public static String faceStatus(UUID id) {
        return Db.queryString("SELECT status FROM face_verification WHERE id = '" + id + "'");
    }

    /**
     * A loan of the member consistent with the engine's schedule after {@code paid} periods, whose period
     * {@code paid + 1} falls due in the month {@code dueMonthOffset} months from now. Inserted: loans are granted by
     * the lending bank, not through this API.
     */
    public static long loan(long memberId, long principalFen, String rate, int term, RepaymentMethod method, int paid,
                            int dueMonthOffset, boolean autoTransfer) {
        long outstanding = paid == 0 ? principalFen
                : RepaymentEngine.plan(principalFen, new BigDecimal(rate), term, method).remainingPrincipalFen(paid);
        int startOffset = dueMonthOffset - (paid + 1);
        return Db.queryLong("INSERT INTO loan (member_id, contract_no, principal_fen, outstanding_principal_fen, "
                + "annual_rate, term_months, method, start_date, lending_bank, lending_bank_account, paid_periods, "
                + "auto_transfer) VALUES (" + memberId + ", 'TEST-" + UUID.randomUUID() + "', " + principalFen + ", "
                + outstanding + ", " + rate + ", " + term + ", '" + method + "', "
                + "(date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') + make_interval(months => " + startOffset
                + "))::date, '测试银行 Test bank', '3300 **** **** 9999', " + paid + ", " + autoTransfer
                + ") RETURNING id");
    }

    public static WithdrawalBuilder withdrawal(Member m) {
        return new WithdrawalBuilder(m);
    }

    /**
     * A withdrawal admitted by the API (payouts held meanwhile), then optionally left in the state a crash leaves:
     * leased by a replica that died, PAYING, without its outbox row. Payouts resume afterwards unless they were
     * paused before, or {@link #keepPayoutsPaused()}.
     */
    public static final class WithdrawalBuilder {
        private final Member member;
        private String category = "PURCHASE";
        private Long loanId;
        private long amountFen = 10_000;
        private String scriptOutcome;
        private String scriptReason;
        private int scriptTimeouts;
        private int attempts;
        private boolean payingOnTheRow;
        private String lockedBy;
        private long lockedForSeconds;
        private boolean withoutOutbox;
        private boolean keepPaused;

        private WithdrawalBuilder(Member member) {
            this.member = member;
        }

        /** PURCHASE (the default; the member has a contract), RETIREMENT, MIN_LIVING_ALLOWANCE, RENT, … */
        public WithdrawalBuilder category(String category) {
            this.category = category;
            return this;
        }

        /** LOAN_REPAYMENT to the member's loan (paid to the lending bank's account, not a card). */
        public WithdrawalBuilder toLoan() {
            return toLoan(member.loanId());
        }

        /** LOAN_REPAYMENT to this loan of the member's. */
        public WithdrawalBuilder toLoan(long loanId) {
            this.category = "LOAN_REPAYMENT";
            this.loanId = loanId;
            return this;
        }

        public WithdrawalBuilder amount(long fen) {
            this.amountFen = fen;
            return this;
        }

        /** The sandbox bank pays, after answering {@code timeouts} calls with a timeout. */
        public WithdrawalBuilder bankPays(int timeouts) {
            this.scriptOutcome = "PAID";
            this.scriptReason = null;
            this.scriptTimeouts = timeouts;
            return this;
        }

        /** The sandbox bank refuses it definitively with this reason. */
        public WithdrawalBuilder bankRejects(String reasonCode) {
            this.scriptOutcome = "REJECTED";
            this.scriptReason = reasonCode;
            this.scriptTimeouts = 0;
            return this;
        }

        /** As if a dispatcher leased it (attempt 1: PAYING) and then died, before or after calling the bank. */
        public WithdrawalBuilder paying() {
            this.attempts = 1;
            return this;
        }

        /** PAYING as versions before V10 wrote it: on the withdrawal row itself. */
        public WithdrawalBuilder payingOnTheRow() {
            this.payingOnTheRow = true;
            this.attempts = 1;
            return this;
        }

        /** Its outbox row leased by {@code instance}; a negative duration means the lease already expired. */
        public WithdrawalBuilder leasedBy(String instance, long seconds) {
            this.lockedBy = instance;
            this.lockedForSeconds = seconds;
            return this;
        }

        /** Its outbox row lost, for recovery to restore. */
        public WithdrawalBuilder withoutOutbox() {
            this.withoutOutbox = true;
            return this;
        }

        public WithdrawalBuilder keepPayoutsPaused() {
            this.keepPaused = true;
            return this;
        }

        /** Admits it and answers its id. */
        public UUID admit() {
            PayoutDispatcher dispatcher = Arc.container().instance(PayoutDispatcher.class).get();
            boolean wasPaused = dispatcher.paused();
            dispatcher.pause();
            try {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("category", category);
                body.put("amountFen", amountFen);
                if ("LOAN_REPAYMENT".equals(category)) {
                    body.put("loanId", loanId);
                } else {
                    body.put("bankCardId", member.cardId());
                }
                body.put("faceVerificationId", face(member).toString());
                FastClient.Answer admitted = FastClient.post("/v1/withdrawals", member.token(),
                        UUID.randomUUID().toString(), body);
                if (admitted.status() != 201) {
                    throw new IllegalStateException("withdrawal not admitted: " + admitted);
                }
                UUID id = UUID.fromString(admitted.text("id"));
                if (scriptOutcome != null) {
                    Db.exec("INSERT INTO sandbox_bank_script (withdrawal_id, outcome, reason_code, timeouts) VALUES ('"
                            + id + "', '" + scriptOutcome + "', " + (scriptReason == null ? "NULL" : "'" + scriptReason
                            + "'") + ", " + scriptTimeouts + ")");
                }
                if (payingOnTheRow) {
                    Db.exec("UPDATE withdrawal SET status = 'PAYING' WHERE id = '" + id + "'");
                }
                if (attempts > 0 || lockedBy != null) {
                    Db.exec("UPDATE payout_outbox SET attempts = " + attempts + ", locked_by = "
                            + (lockedBy == null ? "NULL" : "'" + lockedBy + "'") + ", locked_until = "
                            + (lockedBy == null ? "NULL" : "now() + " + lockedForSeconds + " * interval '1 second'")
                            + " WHERE withdrawal_id = '" + id + "'");
                }
                if (withoutOutbox) {
                    Db.exec("DELETE FROM payout_outbox WHERE withdrawal_id = '" + id + "'");
                }
                return id;
            } finally {
                if (!wasPaused && !keepPaused) {
                    dispatcher.resume();
                }
            }
        }
    }

    /** A partner app registered through the operators' API, with a fresh request-signing key. */
    public record Partner(String appId, String keyId, java.security.KeyPair keys, PartnerClient client) {
        public String token(Member m, String... scopes) {
            return consent(this, m, scopes).accessToken();
        }
    }

    /** A partner app with every scope, notifying {@code notifyUrl}, at most {@code perSecond} requests a second. */
    public static Partner partner(String notifyUrl, int perSecond, String... scopes) {
        java.security.KeyPair keys = Pem.newRsaKeyPair();
        String keyId = "key-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> granted = scopes.length == 0
                ? List.of("account", "statements", "withdrawal", "loans", "calculator") : List.of(scopes);
        String appId = Api.asOperator().contentType(ContentType.JSON)
                .body(Map.of("name", "测试伙伴 Test partner " + keyId, "publicKeyPem", Pem.publicKey(keys.getPublic()),
                        "keyId", keyId, "notifyUrl", notifyUrl, "redirectUri", PARTNER_REDIRECT, "scopes", granted,
                        "rateLimitPerSecond", perSecond))
                .post("/v1/ops/channels").then().statusCode(201).extract().path("appId");
        return new Partner(appId, keyId, keys, new PartnerClient(
                java.net.URI.create("http://localhost:" + RestAssured.port), appId, keyId, keys.getPrivate()));
    }

    public static Partner partner(String... scopes) {
        return partner("http://127.0.0.1:9/nobody-listens", 1000, scopes);
    }

    public static final String PARTNER_REDIRECT = "https://partner.example/hpf/consent-done";

    /** The member approves the app (PKCE S256) and the app exchanges the code for her tokens. */
    public static PartnerClient.Tokens consent(Partner p, Member m, String... scopes) {
        String verifier = Pkce.newVerifier();
        String code = m.api().contentType(ContentType.JSON)
                .body(Map.of("appId", p.appId(), "scopes", List.of(scopes), "redirectUri", PARTNER_REDIRECT,
                        "state", "s-" + m.id(), "codeChallenge", Pkce.challenge(verifier), "codeChallengeMethod", "S256"))
                .post("/v1/me/channel-authorizations").then().statusCode(201).extract().path("authCode");
        return p.client().exchangeCode(code, verifier);
    }

    /** The withdrawal's status as stored. */
    public static String status(UUID withdrawalId) {
        return Db.queryString("SELECT status FROM withdrawal WHERE id = '" + withdrawalId + "'");
    }

    public static long held(Member m) {
        return Db.queryLong("SELECT held_fen FROM account WHERE member_id = " + m.id());
    }

    public static long balance(Member m) {
        return Db.queryLong("SELECT balance_fen FROM account WHERE member_id = " + m.id());
    }

    public static long withdrawals(Member m) {
        return Db.queryLong("SELECT count(*) FROM withdrawal WHERE member_id = " + m.id());
    }
}
