package cn.hpf.mobile.withdrawal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import cn.hpf.mobile.common.idempotency.Idempotency;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Redis Cluster runs a script only when all its KEYS hash to one slot: check the keys our scripts get. */
class ClusterSlotTest {

    @Test
    void crc16MatchesTheClusterSpecification() {
        // Reference values from the Redis Cluster specification and CLUSTER KEYSLOT.
        assertThat(crc16("123456789"), equalTo(0x31C3));
        assertThat(slot("foo"), equalTo(12182));
        assertThat(slot("{user1000}.following"), equalTo(slot("{user1000}.followers")));
    }

    @Test
    void eachMemberScriptsKeysShareOneSlot() {
        for (long member : new long[] {1, 2, 7, 5001, 123_456_789}) {
            assertOneSlot(AdmissionKeys.member(member)); // HOLD, RELEASE, SETTLE
            // SETTLE of an admission also keeps the idempotency answer: its key joins the member's.
            List<String> settle = new java.util.ArrayList<>(AdmissionKeys.member(member));
            settle.add(Idempotency.redisKey(member, AdmissionRepository.OPERATION, "any key {m:9}"));
            settle.add(Idempotency.redisKey(member, AdmissionRepository.OPERATION,
                    AdmissionService.partnerKey("out-biz-1")));
            assertOneSlot(settle);
        }
    }

    @Test
    void eachBudgetScriptsKeysShareOneSlotAndShardsSpread() {
        LocalDate day = LocalDate.of(2026, 6, 30);
        Set<Integer> slots = new HashSet<>();
        for (int shard = 0; shard < 8; shard++) {
            List<String> keys = AdmissionKeys.budget(day, shard); // RESERVE, GIVE_BACK
            assertOneSlot(keys);
            slots.add(slot(keys.get(0)));
        }
        assertThat("the hot counter's shards land on different slots", slots.size(), greaterThan(4));
    }

    private static void assertOneSlot(List<String> keys) {
        int first = slot(keys.get(0));
        for (String k : keys) {
            assertThat(k + " shares the slot of " + keys.get(0), slot(k), equalTo(first));
        }
    }

    /** HASH_SLOT = CRC16(hash tag or key) mod 16384; the tag is between the first { and the next }, if not empty. */
    static int slot(String key) {
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                key = key.substring(open + 1, close);
            }
        }
        return crc16(key) % 16384;
    }

    /** CRC16-CCITT (XModem): polynomial 0x1021, initial value 0, as Redis Cluster uses. */
    static int crc16(String s) {
        int crc = 0;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                crc &= 0xFFFF;
            }
        }
        return crc;
    }
}
