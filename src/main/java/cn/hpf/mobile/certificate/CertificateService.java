package cn.hpf.mobile.certificate;

import cn.hpf.mobile.account.AccountRepository;
import cn.hpf.mobile.account.AccountSnapshot;
import cn.hpf.mobile.account.EntryType;
import cn.hpf.mobile.account.StatementEntry;
import cn.hpf.mobile.account.StatementRepository;
import cn.hpf.mobile.certificate.CertificateContent.DepositStatus;
import cn.hpf.mobile.certificate.CertificateContent.MonthlyDeposit;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.common.idempotency.Idempotency;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issues deposit certificates: a snapshot of the account, the employer and the monthly 汇缴 deposits of the period
 * from the ledger, stored once per Idempotency-Key with a random verification code.
 */
@ApplicationScoped
public class CertificateService {

    /** More than the longest period can hold, so that one page is every deposit. */
    private static final int DEPOSITS_PAGE = 1000;
    private static final int CODE_BYTES = 16;

    private final AccountRepository accounts;
    private final StatementRepository statements;
    private final CertificateRepository certificates;
    private final Idempotency idempotency;
    private final CertificateConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CertificateService(AccountRepository accounts, StatementRepository statements,
                              CertificateRepository certificates, Idempotency idempotency, CertificateConfig config,
                              ObjectMapper json, Clock clock) {
        this.accounts = accounts;
        this.statements = statements;
        this.certificates = certificates;
        this.idempotency = idempotency;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    public Uni<Response> issue(long memberId, String rawKey, CertificateRequest req) {
        String key = Idempotency.requireKey(rawKey);
        CertificatePeriod period = CertificatePeriod.of(req, YearMonth.now(clock.withZone(Zones.SHANGHAI)));
        String hash = Idempotency.fingerprint(req.type(), req.from(), req.to());
        return idempotency.execute(memberId, CertificateRepository.OPERATION, key, hash,
                () -> snapshot(memberId, period).chain(content -> store(memberId, period, content, key, hash)));
    }

    private Uni<CertificateContent> snapshot(long memberId, CertificatePeriod period) {
        return accounts.find(memberId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("ACCOUNT_NOT_FOUND", "No HPF account."))
                .chain(account -> statements.page(memberId, EntryType.DEPOSIT, period.firstDay(), period.lastDay(),
                                DEPOSITS_PAGE, null)
                        .chain(page -> certificates.employerName(memberId)
                                .map(employer -> content(account, employer, period, page.items()))));
    }

    private CertificateContent content(AccountSnapshot a, String employer, CertificatePeriod period,
                                       List<StatementEntry> entries) {
        Map<YearMonth, Long> byMonth = new LinkedHashMap<>();
        for (YearMonth m = period.from(); !m.isAfter(period.to()); m = m.plusMonths(1)) {
            byMonth.put(m, 0L);
        }
        for (StatementEntry e : entries) {
            byMonth.merge(YearMonth.from(e.occurredAt().atZoneSameInstant(Zones.SHANGHAI)), e.amountFen(), Long::sum);
        }
        List<MonthlyDeposit> deposits = new ArrayList<>(byMonth.size());
        byMonth.forEach((month, fen) -> deposits.add(new MonthlyDeposit(month.toString(), fen,
                fen > 0 ? DepositStatus.PAID : DepositStatus.NONE)));
        return new CertificateContent(config.centreName(), config.centreNameEn(), a.name(), a.maskedIdNumber(),
                employer, a.status().name(), a.depositBaseFen(), a.employerRate(), a.memberRate(),
                a.monthlyDepositFen(), deposits, a.balanceFen(), LocalDate.now(clock.withZone(Zones.SHANGHAI)).toString());
    }

    private Uni<Response> store(long memberId, CertificatePeriod period, CertificateContent content, String key,
                                String hash) {
        DepositCertificate c = new DepositCertificate();
        c.id = UUID.randomUUID();
        c.memberId = memberId;
        c.type = DepositCertificate.DEPOSIT;
        c.verificationCode = newCode();
        c.periodFrom = period.firstDay();
        c.periodTo = period.to().atDay(1);
        c.issuedAt = OffsetDateTime.now(clock.withZone(Zones.SHANGHAI)).truncatedTo(ChronoUnit.SECONDS);
        c.validUntil = c.issuedAt.plus(config.validity());
        c.content = content;
        String body = toJson(new CertificateIssued(c.id, c.verificationCode, c.validUntil));
        return certificates.issue(c, key, hash, body)
                .map(x -> Response.status(201).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(body.getBytes(StandardCharsets.UTF_8)).build());
    }

    /** Random bytes, base64url without padding: unguessable, and safe in a URL and a QR code. */
    private String newCode() {
        byte[] bytes = new byte[CODE_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
