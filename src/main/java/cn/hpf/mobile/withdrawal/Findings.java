package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.common.ApiException;
import io.smallrye.mutiny.Uni;
import java.util.function.Function;

/**
 * Where {@link EligibilityRules} report what they find. Admission stops at the first refusal (it is thrown and
 * answers the request); the member's guide ({@link MemberEligibility}) notes every refusal and reads on, so one
 * implementation of the rules serves both, in the same order.
 */
abstract class Findings {

    /** A rule refuses. */
    abstract void refuse(ApiException refusal);

    /** The amount compared with the member's cap for the category. */
    abstract long amountFen(Category category, AdmissionContext ctx);

    /**
     * A question to a data-sharing platform, then what follows from its answer; {@code unanswered} is what the step
     * yields when the platform could not answer and the failure is only noted.
     */
    abstract <T, R> Uni<R> ask(Uni<T> question, Function<T, Uni<R>> then, R unanswered);

    /** The request's payee is the member's own card or loan (admission only: the guide has no request). */
    void checkPayee(long memberId, Category category, AdmissionContext ctx) {
    }

    /** The request's face verification is the member's own (admission only). */
    void checkFaceOwner(long memberId, AdmissionContext ctx) {
    }

    /** The request's face verification may authorize this withdrawal (admission only). */
    void checkFaceUsable(AdmissionContext ctx) {
    }
}
