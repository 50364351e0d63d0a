package cn.hpf.mobile.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Clients are counted per IPv4 address and per IPv6 /64, so one subscriber's prefix is one client. */
class ClientAddressTest {

    @Test
    void ipv4IsCountedAsItselfAndIpv6ByItsSlash64() {
        assertThat(ClientAddress.countedAs("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.countedAs("2001:db8:1:2:0:0:0:1"))
                .isEqualTo(ClientAddress.countedAs("2001:db8:1:2:ffff:abcd:1234:5678"))
                .isEqualTo("20010db800010002::/64");
        assertThat(ClientAddress.countedAs("2001:db8:1:3::1")).isEqualTo("20010db800010003::/64");
        assertThat(ClientAddress.countedAs("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }
}
