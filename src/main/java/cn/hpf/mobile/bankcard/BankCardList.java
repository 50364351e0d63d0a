package cn.hpf.mobile.bankcard;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "BankCardList")
public record BankCardList(List<BankCardView> items) {
}
