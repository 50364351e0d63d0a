package cn.hpf.mobile.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotPlanTest {

    private static final LocalDate DAY = LocalDate.of(2030, 1, 7);

    @Test
    void slotsRunBackToBackFromEachOpeningAndNeverPastTheClose() {
        List<SlotPlan.Bounds> slots = SlotPlan.of(DAY, List.of(
                new SlotPlan.Period(LocalTime.of(13, 30), LocalTime.of(14, 45)),
                new SlotPlan.Period(LocalTime.of(8, 30), LocalTime.of(9, 30))));
        assertThat(slots).extracting(SlotPlan.Bounds::start).containsExactly(
                Instant.parse("2030-01-07T00:30:00Z"), Instant.parse("2030-01-07T01:00:00Z"),
                Instant.parse("2030-01-07T05:30:00Z"), Instant.parse("2030-01-07T06:00:00Z"));
        assertThat(slots.get(3).end()).isEqualTo(Instant.parse("2030-01-07T06:30:00Z"));
        assertThat(SlotPlan.startingAt(DAY, List.of(new SlotPlan.Period(LocalTime.of(8, 30), LocalTime.of(9, 30))),
                Instant.parse("2030-01-07T00:45:00Z"))).isNull();
    }

    @Test
    void aPeriodUntilMidnightDoesNotWrapAround() {
        assertThat(SlotPlan.of(DAY, List.of(new SlotPlan.Period(LocalTime.of(23, 0), LocalTime.of(23, 59)))))
                .hasSize(1);
    }
}
