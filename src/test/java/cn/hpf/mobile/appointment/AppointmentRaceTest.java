package cn.hpf.mobile.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.FastClient;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many members at once for the last seats: PostgreSQL lets exactly the capacity through (the slot row's lock and
 * its conditional count), and a member racing herself with several keys gets one booking (the partial unique
 * index). Across two replicas: AppointmentRaceIT.
 */
@QuarkusTest
class AppointmentRaceTest {

    private static final String LINPU = "xs-linpu";
    /** Seeded at 2 a slot at Linpu; no other test books it there. */
    private static final String VOLUNTARY = "VOLUNTARY_DEPOSIT_OPEN";
    private static final ExecutorService POOL = Executors.newFixedThreadPool(30);

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void thirtyMembersRacingForTheLastSeatGetExactlyOne() throws Exception {
        LocalDate monday = AppointmentDays.freshMonday();
        OffsetDateTime slot = AppointmentDays.slot(monday.plusDays(3), 10, 0);
        AppointmentApi.book(member(), LINPU, VOLUNTARY, slot).statusCode(201);
        List<Fixtures.Member> racers = IntStream.range(0, 30).mapToObj(i -> member()).toList();

        List<FastClient.Answer> answers = concurrently(racers.size(), i -> FastClient.post("/v1/appointments",
                racers.get(i).token(), UUID.randomUUID().toString(), AppointmentApi.body(LINPU, VOLUNTARY, slot)));

        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() != 201)
                .allSatisfy(a -> assertThat(a.text("code")).as(a.body()).isEqualTo("SLOT_FULL")).hasSize(29);
        assertThat(seats(slot)).containsExactly(2L, 2L);
    }

    @Test
    void oneMemberRacingHerselfWithManyKeysGetsOneBooking() throws Exception {
        LocalDate monday = AppointmentDays.freshMonday();
        Fixtures.Member m = member();
        List<OffsetDateTime> starts = IntStream.range(0, 10)
                .mapToObj(i -> AppointmentDays.slot(monday.plusDays(1 + i % 4), 8 + i % 3, 30)).toList();

        List<FastClient.Answer> answers = concurrently(starts.size(), i -> FastClient.post("/v1/appointments",
                m.token(), UUID.randomUUID().toString(), AppointmentApi.body(LINPU, VOLUNTARY, starts.get(i))));

        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() != 201)
                .allSatisfy(a -> assertThat(a.text("code")).as(a.body()).isEqualTo("APPOINTMENT_EXISTS"));
        assertThat(Db.queryLong("SELECT count(*) FROM appointment WHERE member_id = " + m.id())).isEqualTo(1);
        assertThat(Db.queryLong("SELECT coalesce(sum(booked), 0) FROM appointment_slot WHERE outlet_id = '" + LINPU
                + "' AND service_code = '" + VOLUNTARY + "' AND starts_at >= '" + monday.plusDays(1)
                + "T00:00:00+08:00' AND starts_at < '" + monday.plusDays(5) + "T00:00:00+08:00'"))
                .as("the losers took no seat").isEqualTo(1);
    }

    private static Fixtures.Member member() {
        return Fixtures.member().balance(0).withoutPurchaseContract().create();
    }

    /** The slot's seat count and its active appointments. */
    private static List<Long> seats(OffsetDateTime slot) {
        String where = "outlet_id = '" + LINPU + "' AND service_code = '" + VOLUNTARY + "' AND starts_at = '" + slot
                + "'";
        return List.of(Db.queryLong("SELECT booked FROM appointment_slot WHERE " + where),
                Db.queryLong("SELECT count(*) FROM appointment WHERE status = 'BOOKED' AND " + where));
    }

    /** Prepares n requests, releases them at once, and waits for every answer. */
    private static List<FastClient.Answer> concurrently(int n, IntFunction<FastClient.Answer> call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<FastClient.Answer>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int idx = i;
            Callable<FastClient.Answer> task = () -> {
                go.await();
                return call.apply(idx);
            };
            futures.add(POOL.submit(task));
        }
        go.countDown();
        List<FastClient.Answer> answers = new ArrayList<>();
        for (Future<FastClient.Answer> f : futures) {
            answers.add(f.get());
        }
        return answers;
    }
}
