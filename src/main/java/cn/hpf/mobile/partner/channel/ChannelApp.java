package cn.hpf.mobile.partner.channel;

import cn.hpf.mobile.partner.Scope;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;

/** A registered partner app as the signature check and the notifier need it; {@code keys}: its ACTIVE keys. */
public record ChannelApp(String appId, String name, String notifyUrl, String redirectUri, List<Scope> allowedScopes,
                         int rateLimitPerSecond, boolean suspended, Map<String, RSAPublicKey> keys,
                         boolean replayMemoryStarted) {

    public boolean allows(Scope scope) {
        return allowedScopes.contains(scope);
    }
}
