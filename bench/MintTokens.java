import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.stream.IntStream;

/**
 * Benchmark fixture: member tokens for many synthetic members without a login each (a login is a PBKDF2 run,
 * and the admission benchmark needs tens of thousands of members, since RENT allows one withdrawal a month).
 * Signs with the sandbox key pair the app generated (.keys/private.pem) and the same claims as TokenService.
 * Usage: java bench/MintTokens.java KEYS_DIR ISSUER FIRST COUNT TTL_SECONDS > tokens.txt
 * Prints "memberIndex token" per line; member index i is member id 10,000,000 + i, member number 8 + i on 11 digits.
 */
public class MintTokens {
    public static void main(String[] args) throws Exception {
        String pem = Files.readString(Path.of(args[0], "private.pem"))
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        String issuer = args[1];
        int first = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        long ttl = Long.parseLong(args[4]);
        long now = System.currentTimeMillis() / 1000;
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"kid\":\"hpf-1\",\"typ\":\"JWT\",\"alg\":\"RS256\"}"
                .getBytes(StandardCharsets.UTF_8));
        String[] lines = new String[count];
        IntStream.range(0, count).parallel().forEach(k -> {
            int i = first + k;
            String payload = String.format("{\"iss\":\"%s\",\"sub\":\"%d\",\"upn\":\"8%011d\",\"groups\":[\"member\"],"
                    + "\"channel\":\"APP\",\"iat\":%d,\"exp\":%d,\"jti\":\"bench-%d-%d\"}",
                    issuer, 10_000_000L + i, i, now, now + ttl, now, i);
            String signingInput = header + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
            try {
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initSign(key);
                rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                lines[k] = i + " " + signingInput + "." + b64.encodeToString(rsa.sign());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line).append('\n');
        }
        System.out.print(out);
    }
}
