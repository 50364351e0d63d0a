package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Requests and fixtures shared by the admission tests. */
final class AdmissionTestSupport {

    private AdmissionTestSupport() {
    }

    /** The sandbox data-sharing facts of the demo members (demo/admission.sql, idempotent). */
    static void loadDemoFacts() {
        try (InputStream in = AdmissionTestSupport.class.getResourceAsStream("/demo/admission.sql")) {
            Db.exec(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> body(String category, long amountFen, Long cardId, UUID faceId) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("category", category);
        b.put("amountFen", amountFen);
        if (cardId != null) {
            b.put("bankCardId", cardId);
        }
        b.put("faceVerificationId", faceId == null ? null : faceId.toString());
        return b;
    }

    static Response post(String memberNo, String key, Map<String, Object> body) {
        var req = Api.as(memberNo).contentType(ContentType.JSON).body(body);
        if (key != null) {
            req = req.header("Idempotency-Key", key);
        }
        return req.post("/v1/withdrawals");
    }

    static Response post(String memberNo, Map<String, Object> body) {
        return post(memberNo, UUID.randomUUID().toString(), body);
    }

    static Response post(Fixtures.Member m, String key, Map<String, Object> body) {
        var req = m.api().contentType(ContentType.JSON).body(body);
        if (key != null) {
            req = req.header("Idempotency-Key", key);
        }
        return req.post("/v1/withdrawals");
    }

    static Response post(Fixtures.Member m, Map<String, Object> body) {
        return post(m, UUID.randomUUID().toString(), body);
    }

    static long available(Fixtures.Member m) {
        return m.api().get("/v1/me/account").then().statusCode(200).extract().jsonPath().getLong("availableFen");
    }

    static long available(String memberNo) {
        return Api.as(memberNo).get("/v1/me/account").then().statusCode(200).extract().jsonPath().getLong("availableFen");
    }
}
