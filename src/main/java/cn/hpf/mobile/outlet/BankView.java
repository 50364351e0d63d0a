package cn.hpf.mobile.outlet;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Bank", description = "A bank the centre works with, and its branches")
public record BankView(
        @Schema(examples = "XSRCB") String code,
        @Schema(examples = "浙江萧山农村商业银行") String name,
        @Schema(description = "LOAN: entrusted loan bank (委贷银行); MONTHLY_TRANSFER: signs the monthly transfer "
                + "from the HPF balance to the loan (按月转账). A bank may have both.",
                examples = "[\"LOAN\", \"MONTHLY_TRANSFER\"]") List<BankRole> roles,
        @Schema(nullable = true, description = "The branch nearest to the caller's lat/lng (the first of branches); null when the "
                + "request gave no location") BranchView nearestBranch,
        @Schema(description = "Nearest first with a location, else by id; at most limit of them")
        List<BranchView> branches) {
}
