package cn.hpf.mobile.common;

import io.quarkus.security.UnauthorizedException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The operator taking an action and where the request came from: what the action's audit row records. */
public record Operator(String subject, String clientAddress) {

    /** Read in the resource method, on the request's own context (the client address lives there). */
    public static Operator of(JsonWebToken jwt) {
        if (jwt == null || jwt.getSubject() == null) {
            throw new UnauthorizedException();
        }
        return new Operator(jwt.getSubject(), ClientAddress.current());
    }
}
