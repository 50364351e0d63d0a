package cn.hpf.mobile.partner.signing;

import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.Channel;
import cn.hpf.mobile.partner.Scope;
import cn.hpf.mobile.partner.channel.ChannelApp;
import java.util.List;

/**
 * A partner request that passed the door: the app, and when it acts for a member, the member (never shown to the
 * partner: it sees the openId) and the scopes she granted.
 */
public record PartnerCaller(ChannelApp app, Long memberId, String openId, List<Scope> scopes) {

    /** Who acts, as the money paths record it: channel PARTNER, the app id in a column of its own. */
    public Caller caller() {
        if (memberId == null) {
            throw new IllegalStateException("this partner request acts for no member");
        }
        return new Caller(memberId, Channel.PARTNER, "partner:" + app.appId(), app.appId());
    }

    /** 403 SCOPE_NOT_GRANTED unless both the app may use the scope and the member granted it. */
    public void requireScope(Scope scope) {
        if (!app.allows(scope) || !scopes.contains(scope)) {
            throw cn.hpf.mobile.partner.PartnerRefusal.SCOPE_NOT_GRANTED.error("The member did not grant this app the "
                    + scope.value() + " scope.");
        }
    }

    public long member() {
        if (memberId == null) {
            throw new IllegalStateException("this partner request acts for no member");
        }
        return memberId;
    }
}
