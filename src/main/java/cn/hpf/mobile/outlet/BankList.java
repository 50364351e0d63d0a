package cn.hpf.mobile.outlet;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "BankList", description = "Banks by their nearest branch (in the centre's order without a location)")
public record BankList(List<BankView> items) {
}
