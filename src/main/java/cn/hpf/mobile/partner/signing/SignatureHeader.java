package cn.hpf.mobile.partner.signing;

import cn.hpf.partner.client.HpfSignature;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code Authorization: HPF-SHA256-RSA2048 app_id="…",key_id="…",timestamp="…",nonce="…",signature="…"} header,
 * parsed strictly: the scheme (any case), then the five parameters exactly once each, in any order, as
 * {@code k="v"} separated by {@code ,} with optional spaces, no escapes. Anything else is not a signature.
 */
public record SignatureHeader(String appId, String keyId, String timestamp, String nonce, String signature) {

    private static final Set<String> NAMES = Set.of("app_id", "key_id", "timestamp", "nonce", "signature");
    private static final Pattern TIMESTAMP = Pattern.compile("^[0-9]{10}$");
    private static final Pattern NONCE = Pattern.compile("^[A-Za-z0-9_-]{16,64}$");

    /** The parsed header, or null when it does not follow the grammar. */
    public static SignatureHeader parse(String header) {
        if (header == null) {
            return null;
        }
        int space = indexOfSpace(header);
        if (space <= 0 || !header.substring(0, space).toUpperCase(Locale.ROOT).equals(HpfSignature.SCHEME)) {
            return null;
        }
        Map<String, String> params = params(header.substring(space));
        if (params == null || !params.keySet().equals(NAMES)) {
            return null;
        }
        SignatureHeader h = new SignatureHeader(params.get("app_id"), params.get("key_id"), params.get("timestamp"),
                params.get("nonce"), params.get("signature"));
        if (!TIMESTAMP.matcher(h.timestamp).matches() || !NONCE.matcher(h.nonce).matches()
                || h.appId.isEmpty() || h.keyId.isEmpty() || h.signature.isEmpty()) {
            return null;
        }
        return h;
    }

    /** The nonce of a header that follows the grammar as far as its nonce, to bind an error answer to it. */
    public static String nonceOf(String header) {
        SignatureHeader h = parse(header);
        return h == null ? null : h.nonce;
    }

    public long epochSeconds() {
        return Long.parseLong(timestamp);
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    /** {@code k="v"} pairs separated by commas and optional spaces; null on any deviation or repeated name. */
    private static Map<String, String> params(String s) {
        Map<String, String> out = new HashMap<>();
        int i = skipSpaces(s, 0);
        while (true) {
            int nameStart = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            if (i == nameStart || i + 1 >= s.length() || s.charAt(i) != '=' || s.charAt(i + 1) != '"') {
                return null;
            }
            String name = s.substring(nameStart, i);
            int valueStart = i + 2;
            int close = s.indexOf('"', valueStart);
            if (close < 0) {
                return null;
            }
            String value = s.substring(valueStart, close);
            if (value.indexOf('\\') >= 0 || out.put(name, value) != null) {
                return null;
            }
            i = skipSpaces(s, close + 1);
            if (i == s.length()) {
                return out;
            }
            if (s.charAt(i) != ',') {
                return null;
            }
            i = skipSpaces(s, i + 1);
        }
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
