package cn.hpf.mobile.faceauth;

/**
 * The face provider's callback signature: the shared {@link cn.hpf.mobile.common.callback.CallbackSignature},
 * under the name the face provider's integration has always used.
 */
public final class CallbackSignature {

    public static final String TIMESTAMP_HEADER = cn.hpf.mobile.common.callback.CallbackSignature.TIMESTAMP_HEADER;
    public static final String NONCE_HEADER = cn.hpf.mobile.common.callback.CallbackSignature.NONCE_HEADER;
    public static final String SIGNATURE_HEADER = cn.hpf.mobile.common.callback.CallbackSignature.SIGNATURE_HEADER;

    private CallbackSignature() {
    }

    public static String sign(byte[] secret, String timestamp, String nonce, byte[] rawBody) {
        return cn.hpf.mobile.common.callback.CallbackSignature.sign(secret, timestamp, nonce, rawBody);
    }

    public static boolean verify(byte[] secret, String timestamp, String nonce, byte[] rawBody, String signature) {
        return cn.hpf.mobile.common.callback.CallbackSignature.verify(secret, timestamp, nonce, rawBody, signature);
    }
}
