package cn.hpf.mobile.guide;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MyWithdrawalCategories", description = "Every withdrawal of the checklist, for the calling member now")
public record MyWithdrawalCategories(List<MyWithdrawalCategory> items) {
}
