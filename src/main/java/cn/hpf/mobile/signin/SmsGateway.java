package cn.hpf.mobile.signin;

import io.smallrye.mutiny.Uni;

/** Sends a text message to a mobile number; fails (503 SMS_UNAVAILABLE) when the gateway did not take it. */
public interface SmsGateway {

    Uni<Void> send(String mobile, String text);
}
