package cn.hpf.mobile.partner.channel;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Operator;
import cn.hpf.mobile.common.SandboxConfig;
import cn.hpf.mobile.partner.PartnerRefusal;
import cn.hpf.mobile.partner.Scope;
import cn.hpf.partner.client.HpfSignature;
import cn.hpf.partner.client.Pem;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Registers partner apps and answers the signature check's "who is this app" from a cache that is never more than a
 * second old: suspending an app or retiring a key takes effect on every replica within a second.
 */
@ApplicationScoped
public class ChannelService {

    static final long CACHE_NANOS = 1_000_000_000L;
    private static final Pattern KEY_ID = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Cached(ChannelApp app, long readAt) {
    }

    private final ChannelRepository channels;
    private final SandboxConfig sandbox;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ChannelService(ChannelRepository channels, SandboxConfig sandbox) {
        this.channels = channels;
        this.sandbox = sandbox;
    }

    /** The app as of at most a second ago, or null when there is none. */
    public Uni<ChannelApp> find(String appId) {
        Cached c = cache.get(appId);
        long now = System.nanoTime();
        if (c != null && now - c.readAt() < CACHE_NANOS) {
            return Uni.createFrom().item(c.app());
        }
        return channels.find(appId).invoke(app -> {
            if (app != null) {
                cache.put(appId, new Cached(app, now));
            } else {
                cache.remove(appId);
            }
        });
    }

    public Uni<Void> markReplayMemoryStarted(String appId) {
        return channels.markReplayMemoryStarted(appId).invoke(() -> cache.remove(appId));
    }

    /**
     * What a consent screen may show: active apps only (a suspended one could not be approved anyway), with the
     * registered redirectUri, the only address the screen may send a member back to, also on a refusal.
     */
    public Uni<PublicChannelView> publicView(String appId) {
        return find(appId).map(app -> {
            if (app == null || app.suspended()) {
                throw PartnerRefusal.APP_NOT_FOUND.error();
            }
            return new PublicChannelView(app.appId(), app.name(), app.allowedScopes().stream().map(Scope::value).toList(),
                    app.redirectUri(), "ACTIVE");
        });
    }

    Uni<ChannelView> register(ChannelRequest r, Operator by) {
        if (r == null) {
            throw ApiException.badRequest("BODY_REQUIRED", "Send the channel as a JSON body.", null);
        }
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            throw ApiException.invalidField("name", "name is required (at most 200 characters).");
        }
        requireKey(r.keyId(), r.publicKeyPem());
        requireUrl(r.notifyUrl(), "notifyUrl");
        requireUrl(r.redirectUri(), "redirectUri");
        List<Scope> scopes = Scope.parse(r.scopes(), "scopes");
        int rateLimit = r.rateLimitPerSecond() == null ? 100 : r.rateLimitPerSecond();
        if (rateLimit < 1 || rateLimit > 100_000) {
            throw ApiException.invalidField("rateLimitPerSecond", "rateLimitPerSecond must be between 1 and 100000.");
        }
        String appId = newAppId();
        return channels.create(appId, r, scopes, rateLimit, by).chain(() -> channels.view(appId));
    }

    Uni<ChannelView> view(String appId) {
        return channels.view(appId).onItem().ifNull().failWith(PartnerRefusal.APP_NOT_FOUND::error);
    }

    Uni<List<ChannelView>> list() {
        return channels.list();
    }

    Uni<ChannelView> setSuspended(String appId, boolean suspended, Operator by) {
        return channels.setSuspended(appId, suspended, by).chain(found -> {
            cache.remove(appId);
            if (!found) {
                throw PartnerRefusal.APP_NOT_FOUND.error();
            }
            return channels.view(appId);
        });
    }

    Uni<ChannelView> addKey(String appId, ChannelKeyRequest r, Operator by) {
        if (r == null) {
            throw ApiException.badRequest("BODY_REQUIRED", "Send the key as a JSON body.", null);
        }
        requireKey(r.keyId(), r.publicKeyPem());
        return view(appId).chain(() -> channels.addKey(appId, r.keyId(), r.publicKeyPem(), by)).chain(added -> {
            cache.remove(appId);
            if (!added) {
                throw ApiException.conflict("KEY_EXISTS", "This app already has a key " + r.keyId() + ".");
            }
            return channels.view(appId);
        });
    }

    Uni<Void> retireKey(String appId, String keyId, Operator by) {
        return view(appId).chain(() -> channels.retireKey(appId, keyId, by)).map(found -> {
            cache.remove(appId);
            if (!found) {
                throw ApiException.notFound("KEY_NOT_FOUND", "This app has no key " + keyId + ".");
            }
            return null;
        });
    }

    private static void requireKey(String keyId, String pem) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw ApiException.invalidField("keyId", "keyId must be 1–64 of A–Z, a–z, 0–9, '_', '-', '.'.");
        }
        RSAPublicKey key;
        try {
            key = Pem.readPublicKey(pem);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("publicKeyPem", "publicKeyPem must be an RSA public key in SPKI PEM "
                    + "(-----BEGIN PUBLIC KEY-----).");
        }
        if (key.getModulus().bitLength() < HpfSignature.MIN_KEY_BITS) {
            throw ApiException.invalidField("publicKeyPem", "The key has " + key.getModulus().bitLength()
                    + " bits; at least " + HpfSignature.MIN_KEY_BITS + " are required.");
        }
    }

    /** Absolute https URLs; the sandbox also takes http (receivers on this machine). */
    private void requireUrl(String url, String field) {
        URI uri;
        try {
            uri = url == null ? null : new URI(url);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        boolean ok = uri != null && uri.isAbsolute() && uri.getHost() != null && uri.getRawFragment() == null
                && ("https".equals(uri.getScheme()) || sandbox.enabled() && "http".equals(uri.getScheme()));
        if (!ok || url.length() > 2000) {
            throw ApiException.invalidField(field, field + " must be an absolute https URL without a fragment.");
        }
    }

    /** Sixteen digits, as partners know app ids from the big platforms. */
    private static String newAppId() {
        StringBuilder b = new StringBuilder("20");
        for (int i = 0; i < 14; i++) {
            b.append(RANDOM.nextInt(10));
        }
        return b.toString();
    }
}
