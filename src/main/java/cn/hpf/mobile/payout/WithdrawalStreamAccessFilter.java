package cn.hpf.mobile.payout;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.live.OwnStreamGuard;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** 404 problem+json before a withdrawal's event stream opens when it is not the caller's ({@link OwnStreamGuard}). */
public class WithdrawalStreamAccessFilter {

    private final PayoutRepository payouts;
    private final OwnStreamGuard guard;

    public WithdrawalStreamAccessFilter(PayoutRepository payouts, OwnStreamGuard guard) {
        this.payouts = payouts;
        this.guard = guard;
    }

    @ServerRequestFilter
    @OwnWithdrawalStream
    public Uni<Void> requireOwnWithdrawal(UriInfo uri) {
        return guard.requireOwn(uri, TokenService.MEMBER, payouts::current, WithdrawalEventsResource::notFound);
    }
}
