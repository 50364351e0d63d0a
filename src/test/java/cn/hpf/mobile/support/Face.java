package cn.hpf.mobile.support;

import static cn.hpf.mobile.support.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;

/** Face verifications through the real endpoints and the sandbox provider (signed callback path included). */
public final class Face {

    private Face() {
    }

    /** A PASSED verification of the member for the purpose ("WITHDRAWAL" or "PREPAYMENT"); returns its id. */
    public static String passed(String memberNo, String purpose) {
        String id = pending(memberNo, purpose);
        complete(memberNo, id, "PASS").statusCode(200).body("status", equalTo("PASSED"));
        return id;
    }

    /** A FAILED verification; returns its id. */
    public static String failed(String memberNo, String purpose) {
        String id = pending(memberNo, purpose);
        complete(memberNo, id, "FAIL").statusCode(200).body("status", equalTo("FAILED"));
        return id;
    }

    /** A fresh PENDING verification; returns its id. */
    public static String pending(String memberNo, String purpose) {
        return as(memberNo).contentType(ContentType.JSON).body(Map.of("purpose", purpose))
                .post("/v1/face-verifications")
                .then().statusCode(201).body("status", equalTo("PENDING"))
                .extract().path("id");
    }

    /** The sandbox provider's "member finished liveness" with outcome PASS or FAIL. */
    public static ValidatableResponse complete(String memberNo, String id, String outcome) {
        return as(memberNo).contentType(ContentType.JSON).body(Map.of("outcome", outcome))
                .post("/sandbox/face-provider/verifications/" + id + "/complete")
                .then();
    }
}
