package cn.hpf.mobile.common.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which nodes a cluster-wide SCAN walks: the live masters of CLUSTER NODES, each once. */
class RedisScanTest {

    @Test
    void walksTheLiveMastersOnly() {
        String nodes = """
                07c3 127.0.0.1:7101@17101 myself,master - 0 0 1 connected 0-5460
                67ed 127.0.0.1:7102@17102 master,fail - 1700000000000 0 2 disconnected
                292f 10.0.0.3:7103@17103,redis-3.example master - 0 1700000000000 3 connected 10923-16383
                e7d1 127.0.0.1:7104@17104 slave 07c3 0 1700000000000 1 connected
                6ec2 127.0.0.1:7105@17105 master - 0 1700000000000 7 connected 5461-10922
                9a1b :0@0 master,noaddr - 0 0 0 disconnected
                """;
        assertThat(RedisScan.masters(nodes)).containsExactly("127.0.0.1:7101", "10.0.0.3:7103", "127.0.0.1:7105");
    }
}
