package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.common.ApiException;
import java.time.Clock;

/** The API errors of admission refusals found atomically (Redis script or PostgreSQL guard), by stable code. */
final class Refusals {

    private Refusals() {
    }

    static ApiException byCode(String code, Clock clock) {
        return switch (code) {
            case "INSUFFICIENT_BALANCE" -> ApiException.unprocessable(code,
                    "The available balance does not cover this amount.", "amountFen");
            case "AMOUNT_MUST_EQUAL_AVAILABLE" -> ApiException.unprocessable(code,
                    "This category pays out the whole available balance: amountFen must equal availableFen.",
                    "amountFen");
            case "CATEGORY_CAP_EXCEEDED" -> ApiException.unprocessable(code,
                    "The category's limit for you does not allow this amount now.", "amountFen");
            case "FACE_VERIFICATION_USED" -> EligibilityRules.faceUsed();
            case "FACE_VERIFICATION_REQUIRED" -> EligibilityRules.faceRequired();
            case "ACCOUNT_NOT_ACTIVE" -> ApiException.unprocessable(code,
                    "The account is frozen or closed; no withdrawal is possible.");
            case "NOT_ELIGIBLE" -> ApiException.unprocessable(code,
                    "The account status does not allow this category.", "category");
            case "DAILY_BUDGET_EXHAUSTED" -> DailyBudget.exhausted(clock);
            default -> throw new IllegalStateException("Unknown admission refusal " + code);
        };
    }
}
