package cn.hpf.mobile.guide;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ServiceGuideList", description = "The centre's services in catalogue order: members' first, then employers'")
public record ServiceGuideList(List<ServiceGuide> items) {
}
