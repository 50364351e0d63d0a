package cn.hpf.mobile.payout;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.ApiException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An event stream sends its headers (200) before the first event, so "not yours / not found" cannot come from
 * the stream itself: this filter answers 404 problem+json before the stream opens. Other cases (no token, not a
 * member) pass through to the security checks, which answer 401/403.
 */
public class WithdrawalStreamAccessFilter {

    private final PayoutRepository payouts;
    private final CurrentIdentityAssociation identities;

    public WithdrawalStreamAccessFilter(PayoutRepository payouts, CurrentIdentityAssociation identities) {
        this.payouts = payouts;
        this.identities = identities;
    }

    @ServerRequestFilter
    @OwnWithdrawalStream
    public Uni<Void> requireOwnWithdrawal(UriInfo uri) {
        String id = uri.getPathParameters().getFirst("id");
        return identities.getDeferredIdentity().chain(identity -> {
            if (identity.isAnonymous() || !identity.hasRole(TokenService.MEMBER)
                    || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
                return Uni.createFrom().voidItem();
            }
            long memberId;
            UUID withdrawalId;
            try {
                memberId = Long.parseLong(jwt.getSubject());
                withdrawalId = UUID.fromString(id);
            } catch (RuntimeException e) {
                return Uni.createFrom().failure(WithdrawalEventsResource.notFound(id));
            }
            return payouts.current(withdrawalId, memberId).onItem().ifNull()
                    .failWith(() -> WithdrawalEventsResource.notFound(id)).replaceWithVoid();
        });
    }
}
