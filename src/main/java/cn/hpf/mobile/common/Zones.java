package cn.hpf.mobile.common;

import java.time.ZoneId;

/** Calendar rules of the fund (daily and monthly limits, deposit months) use the Asia/Shanghai day. */
public final class Zones {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private Zones() {
    }
}
