package cn.hpf.mobile.faceauth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The contract documents the sandbox route under its tag and the callback's signature scheme. */
@QuarkusTest
class FaceOpenApiTest {

    @Test
    void operationsAreTaggedAndTheSignatureSchemeIsDocumented() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .rootPath("paths")
                .body("'/v1/face-verifications'.post.operationId", equalTo("createFaceVerification"))
                .body("'/v1/face-verifications/{id}'.get.operationId", equalTo("getFaceVerification"))
                .body("'/sandbox/face-provider/verifications/{id}/complete'.post.tags", hasItem("sandbox"))
                .body("'/v1/callbacks/face-provider'.post.tags", hasItem("callbacks"))
                .body("'/v1/callbacks/face-provider'.post.description", containsString("X-Hpf-Signature"))
                .body("'/v1/callbacks/face-provider'.post.security", org.hamcrest.Matchers.empty())
                .body("'/v1/me/bank-cards'.get.operationId", equalTo("listMyBankCards"));
    }
}
