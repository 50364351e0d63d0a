package cn.hpf.partner.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The partner client from a shell (bin/partner), for the partner tour and for trying the API by hand.
 *
 * <pre>
 *   pkce                             a verifier and its challenge, as shell variables
 *   token CODE VERIFIER              exchange a consent's code for member tokens, as shell variables
 *   refresh REFRESH_TOKEN            a new access token (and a new refresh token), as shell variables
 *   get TARGET [--member TOKEN]      a signed GET (TARGET: path and query, as sent)
 *   post TARGET JSON [--member TOKEN]
 * </pre>
 * Environment: HPF_BASE (http://localhost:8080), HPF_APP_ID, HPF_KEY_ID, HPF_KEY_FILE (the sandbox's demo partner
 * by default). Prints the status, whether the answer's signature verified, and the body.
 */
public final class PartnerCli {

    private PartnerCli() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            return;
        }
        List<String> rest = new ArrayList<>(List.of(args));
        String member = null;
        int i = rest.indexOf("--member");
        if (i >= 0 && i + 1 < rest.size()) {
            member = rest.get(i + 1);
            rest.remove(i + 1);
            rest.remove(i);
        }
        String command = rest.remove(0);
        if (command.equals("pkce")) {
            String verifier = Pkce.newVerifier();
            System.out.println("VERIFIER=" + verifier);
            System.out.println("CHALLENGE=" + Pkce.challenge(verifier));
            return;
        }
        PartnerClient client = client();
        switch (command) {
            case "token" -> printTokens(client.exchangeCode(rest.get(0), rest.get(1)));
            case "refresh" -> printTokens(client.refresh(rest.get(0)));
            case "get" -> print(client.get(rest.get(0), member));
            case "post" -> print(client.post(rest.get(0), rest.get(1), member));
            default -> usage();
        }
    }

    private static PartnerClient client() throws Exception {
        String base = env("HPF_BASE", "http://localhost:8080");
        String appId = env("HPF_APP_ID", "2026000000000001");
        String keyId = env("HPF_KEY_ID", "demo-key-1");
        Path keyFile = Path.of(env("HPF_KEY_FILE", ".keys/partner/demo-partner.key.pem"));
        PrivateKey key = Pem.readPrivateKey(Files.readString(keyFile, StandardCharsets.US_ASCII));
        return new PartnerClient(URI.create(base), appId, keyId, key);
    }

    /** As shell variables: eval "$(bin/partner token …)". */
    private static void printTokens(PartnerClient.Tokens t) {
        System.out.println("MEMBER=" + t.accessToken());
        System.out.println("REFRESH=" + t.refreshToken());
        System.out.println("OPENID=" + t.openId());
        System.out.println("SCOPES='" + String.join(" ", t.scopes()) + "'");
    }

    private static void print(PartnerClient.Reply r) {
        System.out.println("HTTP " + r.status() + (r.verified() ? " (signature verified)" : " (signature NOT verified)"));
        System.out.println(r.text());
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void usage() {
        System.err.println("usage: bin/partner pkce | token CODE VERIFIER | refresh TOKEN | get TARGET [--member T] "
                + "| post TARGET JSON [--member T]");
    }
}
