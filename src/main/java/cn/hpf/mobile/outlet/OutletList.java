package cn.hpf.mobile.outlet;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "OutletList", description = "Outlets nearest first (by id without a location)")
public record OutletList(List<OutletView> items) {
}
