package cn.hpf.mobile.signin;

import static cn.hpf.mobile.common.ratelimit.RateLimiter.Action.FACE;
import static cn.hpf.mobile.common.ratelimit.RateLimiter.Action.LOGIN;

import cn.hpf.mobile.auth.PasswordHasher;
import cn.hpf.mobile.auth.TokenResponse;
import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.Channel;
import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.common.ratelimit.RateLimiter;
import cn.hpf.mobile.faceauth.FacePurpose;
import cn.hpf.mobile.faceauth.FaceVerification;
import cn.hpf.mobile.faceauth.FaceVerificationService;
import cn.hpf.mobile.signin.SignInRepository.Attempts;
import cn.hpf.mobile.signin.SignInRepository.Login;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The app's own sign-in: a password then a one-time code sent by SMS, or a face check at the face provider. Works
 * with the sandbox on or off (only the SMS gateway and the face provider behind it differ).
 *
 * <p>Lockout and rate limits live in PostgreSQL ({@link SignInRepository}), keyed by member; a login that names no
 * member is counted under a keyed hash of the login, so it fails, locks and times exactly like a member's wrong
 * password and reveals nothing about which logins exist.
 */
@ApplicationScoped
public class SignInService {

    public static final String LOCKED = "SIGN_IN_LOCKED";
    public static final String RATE_LIMITED = "SIGN_IN_RATE_LIMITED";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration HOUR = Duration.ofHours(1);

    private final SignInRepository repository;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final SmsGateway sms;
    private final FaceVerificationService faces;
    private final SignInConfig config;
    private final SignInSettings settings;
    private final PasswordChecks passwordChecks;
    private final RateLimiter rateLimiter;
    private final Clock clock;

    public SignInService(SignInRepository repository, PasswordHasher hasher, TokenService tokens, SmsGateway sms,
                         FaceVerificationService faces, SignInConfig config, SignInSettings settings,
                         PasswordChecks passwordChecks, RateLimiter rateLimiter, Clock clock) {
        this.repository = repository;
        this.hasher = hasher;
        this.tokens = tokens;
        this.sms = sms;
        this.faces = faces;
        this.config = config;
        this.settings = settings;
        this.passwordChecks = passwordChecks;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock).atZoneSameInstant(Zones.SHANGHAI).toOffsetDateTime()
                .truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Step 1: the password; then a code to the member's mobile. The client address is limited by the shared
     * {@link RateLimiter} (RATE_LIMITED) before anything else; the member by her own lock here (SIGN_IN_LOCKED).
     */
    public Uni<SmsCodeSent> sendCode(String rawLogin, String password, Channel channel, String address) {
        String login = normalize(rawLogin);
        return rateLimiter.acquire(LOGIN, null, address).chain(() -> repository.member(login)).chain(member -> {
            String key = guardKey(member, login);
            return repository.lockedUntil(key)
                    .map(lockedUntil -> {
                        // Locked: the same answer whatever the password, so it cannot be tried meanwhile.
                        requireUnlocked(lockedUntil, now());
                        return lockedUntil;
                    })
                    .chain(ignored -> checkPassword(password, member == null ? PasswordHasher.UNKNOWN_LOGIN_HASH : member.passwordHash()))
                    .chain(right -> {
                        if (member == null || !right) {
                            return rateLimiter.failed(LOGIN, null, address)
                                    .chain(() -> this.<SmsCodeSent>failed(key, invalidCredentials()));
                        }
                        if (member.mobile() == null) {
                            return noMobile(key);
                        }
                        return openChallenge(member, key, channel);
                    });
        });
    }

    /**
     * A right password with no number to send the code to. The lock is read again after the hash: a lock set by
     * guesses running alongside this one must hide that the password was right, as openChallenge does for members
     * with a number.
     */
    private <T> Uni<T> noMobile(String key) {
        return repository.lockedUntil(key).map(lockedUntil -> {
            requireUnlocked(lockedUntil, now());
            throw ApiException.unprocessable("NO_MOBILE_ON_FILE", "No mobile number is on file for this member: "
                    + "sign in with the face check, or have the number recorded at a service hall.");
        });
    }

    /** The PBKDF2 on the worker pool, within the replica's bound on checks at once (503 beyond it, at once). */
    private Uni<Boolean> checkPassword(String password, String hash) {
        if (!passwordChecks.tryAcquire()) {
            return Uni.createFrom().failure(ApiException.unavailable("SERVICE_BUSY",
                    "Too many sign-ins are being checked at once; retry shortly.", 1));
        }
        return Uni.createFrom().item(() -> hasher.matches(password, hash))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onTermination().invoke(passwordChecks::release);
    }

    private Uni<SmsCodeSent> openChallenge(Login member, String key, Channel channel) {
        UUID id = UUID.randomUUID();
        String code = "%06d".formatted(RANDOM.nextInt(1_000_000));
        OffsetDateTime now = now();
        return repository.openChallenge(key, id, member.memberId(), channel.name(), codeHash(id, code), now,
                        now.plus(config.codeTtl()), config.sendInterval(), config.sendsPerHour())
                .chain(attempts -> {
                    if (!attempts.allowed()) {
                        return Uni.createFrom().failure(refusedStart(attempts, now, "codes", true));
                    }
                    return sms.send(member.mobile(), text(code))
                            .onFailure().call(() -> repository.killChallenge(id))
                            .map(sent -> new SmsCodeSent(id, config.codeTtl().toSeconds(), mask(member.mobile())));
                });
    }

    /** Step 2: the code; tokens when it is right. */
    public Uni<TokenResponse> signInWithCode(UUID challengeId, String code) {
        OffsetDateTime now = now();
        return repository.checkCode(challengeId, codeHash(challengeId, code), now, config.codeMaxAttempts())
                .chain(outcome -> {
                    if (outcome == null) {
                        return explainUnchanged(challengeId, now);
                    }
                    String key = memberKey(outcome.memberId());
                    if ("USED".equals(outcome.status())) {
                        return signedIn(outcome.memberId(), outcome.memberNo(), Channel.valueOf(outcome.channel()));
                    }
                    ApiException refusal = "DEAD".equals(outcome.status()) ? codeTooManyTries()
                            : new ApiException(401, "SMS_CODE_WRONG", "The code is wrong; "
                            + (config.codeMaxAttempts() - outcome.failedAttempts()) + " tries left.", "code", null);
                    return failed(key, refusal);
                });
    }

    /** Why the code statement changed nothing: the lock first (it hides everything else), then the challenge. */
    private Uni<TokenResponse> explainUnchanged(UUID challengeId, OffsetDateTime now) {
        return repository.challenge(challengeId).chain(c -> {
            if (c == null) {
                return Uni.createFrom().failure(codeExpired());
            }
            return repository.lockedUntil(memberKey(c.memberId())).map(lockedUntil -> {
                requireUnlocked(lockedUntil, now);
                throw switch (c.status()) {
                    case "USED" -> new ApiException(401, "SMS_CODE_USED",
                            "This code was used already; ask for a new one.", null, null);
                    case "DEAD" -> codeTooManyTries();
                    default -> c.expiresAt().isAfter(now)
                            // OPEN and in time: a lock that ended between the two reads.
                            ? new ApiException(429, LOCKED, "Sign-in was locked; retry now.", null, 1)
                            : codeExpired();
                };
            });
        });
    }

    private static ApiException codeExpired() {
        return new ApiException(401, "SMS_CODE_EXPIRED", "This code has expired (or was never sent); ask for a new "
                + "one.", null, null);
    }

    /**
     * Face sign-in, step 1: a SIGN_IN verification at the face provider. Rate limited per member but not locked by
     * wrong passwords or codes: else anyone knowing a member number could shut her out of every method.
     */
    public Uni<FaceSignInStarted> startFace(String rawLogin, Channel channel, String address) {
        String login = normalize(rawLogin);
        // The address bound of every face verification opened (the member's is SIGN_IN_RATE_LIMITED here).
        return rateLimiter.acquire(FACE, null, address).chain(() -> repository.member(login)).chain(member -> {
            OffsetDateTime now = now();
            return repository.recordFaceStart(guardKey(member, login), now, config.sendInterval(),
                            config.sendsPerHour())
                    .chain(attempts -> {
                        if (!attempts.allowed()) {
                            return Uni.createFrom().failure(refusedStart(attempts, now, "face sign-ins", false));
                        }
                        if (member == null) {
                            // Starting a face check needs no password, so it cannot help but tell that the login
                            // names nobody; unknown logins are rate limited like members' all the same.
                            return Uni.createFrom().failure(new ApiException(401, "INVALID_CREDENTIALS",
                                    "No member has this member number or ID number.", "login", null));
                        }
                        Caller caller = new Caller(member.memberId(), channel, "member:" + member.memberId());
                        return faces.create(caller, FacePurpose.SIGN_IN).map(v -> new FaceSignInStarted(v.id(),
                                v.certifyUrl(), Math.max(0, Duration.between(now, v.expiresAt()).toSeconds())));
                    });
        });
    }

    /** Face sign-in, step 2: tokens for a passed SIGN_IN verification, once. */
    public Uni<TokenResponse> completeFace(UUID verificationId) {
        return faces.find(verificationId).chain(v -> {
            OffsetDateTime now = faces.now();
            if (v == null || v.purpose() != FacePurpose.SIGN_IN) {
                return Uni.createFrom().failure(new ApiException(401, "FACE_SIGN_IN_INVALID",
                        "This is not a face sign-in verification.", "verificationId", null));
            }
            ApiException refusal = faceRefusal(v, now);
            if (refusal != null) {
                return Uni.createFrom().failure(refusal);
            }
            // Not refused by the password/code lock: the face check proves who she is without them.
            return faces.consumeForSignIn(verificationId)
                    .chain(grant -> {
                        if (grant == null) {
                            return Uni.createFrom().failure(faceUsed());
                        }
                        return signedIn(grant.memberId(), grant.memberNo(), Channel.valueOf(grant.channel()));
                    });
        });
    }

    private static ApiException faceRefusal(FaceVerification v, OffsetDateTime now) {
        return switch (v.statusAt(now)) {
            case PASSED -> null;
            case PENDING -> new ApiException(409, "FACE_SIGN_IN_PENDING",
                    "The face check is not finished yet; ask again in a moment.", null, 2);
            case FAILED -> new ApiException(401, "FACE_SIGN_IN_FAILED",
                    "The face check did not pass; start a new face sign-in.", null, null);
            case EXPIRED -> new ApiException(401, "FACE_SIGN_IN_EXPIRED",
                    "This face sign-in has expired; start a new one.", null, null);
            case CONSUMED -> faceUsed();
        };
    }

    private static ApiException faceUsed() {
        return new ApiException(401, "FACE_SIGN_IN_USED", "This face sign-in was used already; start a new one.",
                null, null);
    }

    private Uni<TokenResponse> signedIn(long memberId, String memberNo, Channel channel) {
        return repository.clearFailures(memberKey(memberId), now())
                .chain(() -> tokens.memberSession(memberId, memberNo, channel));
    }

    /** Counts a failure; the answer is the lock when this one locked, else {@code refusal}. */
    private <T> Uni<T> failed(String key, ApiException refusal) {
        OffsetDateTime now = now();
        return repository.recordFailure(key, now, config.lockAfterFailures(), config.failureWindow(),
                        config.lockDuration())
                .map(lockedUntil -> {
                    requireUnlocked(lockedUntil, now);
                    throw refusal;
                });
    }

    private static void requireUnlocked(OffsetDateTime lockedUntil, OffsetDateTime now) {
        if (lockedUntil != null && lockedUntil.isAfter(now)) {
            throw new ApiException(429, LOCKED, "Too many failed sign-ins: sign-in is locked until "
                    + lockedUntil.atZoneSameInstant(Zones.SHANGHAI).toLocalTime().truncatedTo(ChronoUnit.SECONDS)
                    + " (Asia/Shanghai).", null, seconds(Duration.between(now, lockedUntil)));
        }
    }

    /** Locked (when the lock applies), or too soon / too many: 429 with the wait until the next start. */
    private ApiException refusedStart(Attempts attempts, OffsetDateTime now, String what, boolean locks) {
        if (locks) {
            requireUnlocked(attempts.lockedUntil(), now);
        }
        OffsetDateTime[] recent = attempts.recent() == null ? new OffsetDateTime[0] : attempts.recent();
        Duration wait = Duration.ofSeconds(1);
        if (recent.length > 0) {
            wait = max(wait, Duration.between(now, recent[recent.length - 1].plus(config.sendInterval())));
        }
        if (recent.length >= config.sendsPerHour() && config.sendsPerHour() > 0) {
            wait = max(wait, Duration.between(now, recent[recent.length - config.sendsPerHour()].plus(HOUR)));
        }
        return new ApiException(429, RATE_LIMITED, "At most one of these " + what + " per "
                + config.sendInterval().toSeconds() + " s and " + config.sendsPerHour() + " per hour; retry after "
                + seconds(wait) + " s.", null, seconds(wait));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static int seconds(Duration d) {
        return (int) Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private static ApiException invalidCredentials() {
        return new ApiException(401, "INVALID_CREDENTIALS", "Login or password is wrong.", null, null);
    }

    private static ApiException codeTooManyTries() {
        return new ApiException(401, "SMS_CODE_TOO_MANY_TRIES",
                "Too many wrong codes: this code can no longer be used; ask for a new one.", null, null);
    }

    private String text(String code) {
        return "【住房公积金】您的登录验证码为" + code + "，" + config.codeTtl().toMinutes() + "分钟内有效。请勿泄露给他人。";
    }

    /** 138****5678. */
    static String mask(String mobile) {
        return mobile.length() < 7 ? "****" : mobile.substring(0, 3) + "****" + mobile.substring(mobile.length() - 4);
    }

    static String normalize(String login) {
        return login == null ? "" : login.trim().toUpperCase(Locale.ROOT);
    }

    static String memberKey(long memberId) {
        return "member:" + memberId;
    }

    private String guardKey(Login member, String login) {
        return member != null ? memberKey(member.memberId())
                : "login:" + HexFormat.of().formatHex(hmac("login:" + login));
    }

    byte[] codeHash(UUID challengeId, String code) {
        return hmac("code:" + challengeId + ":" + code);
    }

    private byte[] hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.codeSecret(), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
