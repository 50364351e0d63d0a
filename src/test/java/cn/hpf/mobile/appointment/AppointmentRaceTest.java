package cn.hpf.mobile.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.FastClient;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
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
    /** Seeded at 2 a slot at Linpu; only the capacity test below books or changes it there. */
    private static final String DECEASED = "WITHDRAW_DECEASED";
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

    /**
     * An operator lowers the capacity while a booking waits for its slot's row: the change waits for that booking,
     * which takes its seat under the capacity in force when it began; a booking after the change sees the new
     * capacity. Were the capacity read without a lock, the change would commit first and the waiting booking
     * would still take a seat the lowered capacity no longer has.
     */
    @Test
    void aCapacityChangeWaitsForTheBookingsInFlight() throws Exception {
        LocalDate wednesday = AppointmentDays.freshMonday().plusDays(2);
        OffsetDateTime slot = AppointmentDays.slot(wednesday, 14, 0);
        AppointmentApi.book(member(), LINPU, DECEASED, slot).statusCode(201);
        Fixtures.Member waiting = member();
        String slotRow = "FROM appointment_slot WHERE outlet_id = '" + LINPU + "' AND service_code = '" + DECEASED
                + "' AND starts_at = '" + slot + "'";
        try (Connection holder = Db.connect()) {
            holder.setAutoCommit(false);
            // The lock a booking taking its seat holds (an UPDATE that changes no key).
            holder.createStatement().execute("SELECT booked " + slotRow + " FOR NO KEY UPDATE");
            Future<FastClient.Answer> booking = POOL.submit(() -> FastClient.post("/v1/appointments",
                    waiting.token(), UUID.randomUUID().toString(), AppointmentApi.body(LINPU, DECEASED, slot)));
            awaitLockWait("UPDATE appointment_slot s SET booked");
            Future<Integer> lowering = POOL.submit(() -> Api.asOperator().contentType(ContentType.JSON)
                    .body(Map.of("items", List.of(Map.of("service", DECEASED, "weekday", 3, "capacityPerSlot", 1))))
                    .put("/v1/ops/outlets/" + LINPU + "/capacity").statusCode());
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
                assertThat(lowering).as("the capacity change did not wait for the booking in flight").isNotDone();
                return lockWaits("INSERT INTO appointment_capacity") > 0;
            });
            holder.rollback();

            assertThat(booking.get().status()).as(booking.get().body()).isEqualTo(201);
            assertThat(lowering.get()).isEqualTo(200);
        }
        FastClient.Answer after = FastClient.post("/v1/appointments", member().token(), UUID.randomUUID().toString(),
                AppointmentApi.body(LINPU, DECEASED, slot));
        assertThat(after.text("code")).as(after.body()).isEqualTo("SLOT_FULL");
        assertThat(Db.queryLong("SELECT booked " + slotRow)).isEqualTo(2);
    }

    private static void awaitLockWait(String statement) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> lockWaits(statement) > 0);
    }

    /** Backends of the test database waiting for a lock while running a statement that contains the text. */
    private static long lockWaits(String statement) {
        return Db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock' AND position('" + statement + "' in query) > 0");
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
