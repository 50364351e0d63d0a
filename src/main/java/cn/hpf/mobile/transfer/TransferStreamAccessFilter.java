package cn.hpf.mobile.transfer;

import cn.hpf.mobile.auth.TokenService;
import cn.hpf.mobile.common.live.OwnStreamGuard;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** 404 problem+json before a transfer's event stream opens when it is not the caller's ({@link OwnStreamGuard}). */
public class TransferStreamAccessFilter {

    private final TransferService transfers;
    private final OwnStreamGuard guard;

    public TransferStreamAccessFilter(TransferService transfers, OwnStreamGuard guard) {
        this.transfers = transfers;
        this.guard = guard;
    }

    @ServerRequestFilter
    @OwnTransferStream.In
    public Uni<Void> requireOwnTransferIn(UriInfo uri) {
        return guard.requireOwn(uri, TokenService.MEMBER, transfers::currentIn, id -> TransferService.notFound());
    }

    @ServerRequestFilter
    @OwnTransferStream.Out
    public Uni<Void> requireOwnTransferOut(UriInfo uri) {
        return guard.requireOwn(uri, TokenService.MEMBER, transfers::currentOut, id -> TransferService.notFound());
    }
}
