package cn.hpf.mobile.partner.consent;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.partner.PartnerConfig;
import cn.hpf.mobile.partner.PartnerRefusal;
import cn.hpf.mobile.partner.Scope;
import cn.hpf.mobile.partner.channel.ChannelService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.regex.Pattern;

/** The member's side of the consent flow: approve (a one-use code), list, revoke. */
@ApplicationScoped
public class ConsentService {

    private static final Pattern CHALLENGE = Pattern.compile("^[A-Za-z0-9_-]{43}$");

    private final ChannelService channels;
    private final ConsentRepository consents;
    private final PartnerConfig config;

    public ConsentService(ChannelService channels, ConsentRepository consents, PartnerConfig config) {
        this.channels = channels;
        this.consents = consents;
        this.config = config;
    }

    Uni<ConsentGranted> approve(long memberId, ConsentRequest r) {
        if (r == null) {
            throw ApiException.badRequest("BODY_REQUIRED", "Send the consent as a JSON body.", null);
        }
        if (r.appId() == null || r.appId().isBlank()) {
            throw ApiException.invalidField("appId", "appId is required.");
        }
        if (!"S256".equals(r.codeChallengeMethod())) {
            throw ApiException.invalidField("codeChallengeMethod", "codeChallengeMethod must be S256.");
        }
        if (r.codeChallenge() == null || !CHALLENGE.matcher(r.codeChallenge()).matches()) {
            throw ApiException.invalidField("codeChallenge",
                    "codeChallenge must be BASE64URL(SHA-256(verifier)) without padding: 43 characters.");
        }
        if (r.state() != null && r.state().length() > 1024) {
            throw ApiException.invalidField("state", "state must be at most 1024 characters.");
        }
        List<Scope> scopes = Scope.parse(r.scopes(), "scopes");
        return channels.find(r.appId()).chain(app -> {
            if (app == null) {
                throw PartnerRefusal.APP_NOT_FOUND.error();
            }
            if (app.suspended()) {
                throw PartnerRefusal.CHANNEL_SUSPENDED.error();
            }
            List<Scope> beyond = scopes.stream().filter(s -> !app.allows(s)).toList();
            if (!beyond.isEmpty()) {
                throw PartnerRefusal.INVALID_SCOPE.error("This app may not ask for "
                        + beyond.stream().map(Scope::value).toList() + ".");
            }
            if (!app.redirectUri().equals(r.redirectUri())) {
                throw PartnerRefusal.INVALID_REDIRECT_URI.error();
            }
            String code = Secrets.newSecret("");
            return consents.grant(app.appId(), memberId, Scope.names(scopes), Secrets.hash(code), app.redirectUri(),
                            r.codeChallenge(), config.consentCodeTtl().toMillis())
                    .map(expiresAt -> new ConsentGranted(code, expiresAt, app.redirectUri(), r.state()));
        });
    }

    Uni<ChannelAuthorizationView.Page> list(long memberId) {
        return consents.list(memberId).map(rows -> new ChannelAuthorizationView.Page(rows.stream()
                .map(r -> new ChannelAuthorizationView(r.appId(), r.name(), List.of(r.scopes()), r.grantedAt()))
                .toList()));
    }

    Uni<Void> revoke(long memberId, String appId) {
        return consents.revoke(appId, memberId).map(revoked -> {
            if (!revoked) {
                throw ApiException.notFound("AUTHORIZATION_NOT_FOUND", "You have not authorized this app.");
            }
            return null;
        });
    }
}
