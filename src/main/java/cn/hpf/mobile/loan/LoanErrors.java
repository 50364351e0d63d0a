package cn.hpf.mobile.loan;

import cn.hpf.mobile.common.ApiException;

/** The loan problems members see, with their stable codes. */
final class LoanErrors {

    private LoanErrors() {
    }

    static ApiException notFound() {
        return ApiException.notFound("LOAN_NOT_FOUND", "You have no loan with this id.");
    }

    static ApiException closed() {
        return ApiException.unprocessable("LOAN_CLOSED", "This loan is repaid and closed.");
    }

    static ApiException overdue(Loan l) {
        return ApiException.unprocessable("LOAN_OVERDUE", "This loan has " + l.overduePeriods()
                + " overdue instalment(s) (" + l.overdueAmountFen() + " fen); repay them before repaying early.");
    }

    static ApiException repaymentInProgress(Loan l) {
        return ApiException.unprocessable("LOAN_REPAYMENT_IN_PROGRESS", "A loan repayment withdrawal of "
                + l.pendingRepaymentFen() + " fen is still being paid to this loan; try again when it is finished.");
    }
}
