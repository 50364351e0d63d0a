package cn.hpf.mobile.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.guide.HallService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The iCalendar writer's folding and escaping, on texts long and awkward enough to need both. */
class AppointmentCalendarTest {

    @Test
    void longLinesAreFoldedAt75OctetsWithoutSplittingACharacter() {
        String value = "临浦服务网点，杭州市萧山区临浦镇峙山路 299 号临浦镇便民服务中心 1 楼 — a long address "
                .repeat(4);
        for (int shift = 0; shift < 3; shift++) {
            StringBuilder ics = new StringBuilder();
            String content = "LOCATION:" + "x".repeat(shift) + AppointmentCalendar.text(value);
            AppointmentCalendar.line(ics, content);
            IcsAssert.wellFormed(ics.toString());
            assertThat(ics.toString().split("\r\n")).hasSizeGreaterThan(3);
            assertThat(IcsAssert.unfold(ics.toString())).isEqualTo(content + "\r\n");
        }
    }

    @Test
    void textValuesEscapeBackslashSemicolonCommaAndLineBreaks() {
        assertThat(AppointmentCalendar.text("a\\b;c,d\ne\r\nf")).isEqualTo("a\\\\b\\;c\\,d\\ne\\nf");
    }

    @Test
    void aCancelledAppointmentSaysSoAndWhy() {
        Appointment a = new Appointment();
        a.id = UUID.randomUUID();
        a.outletId = "xs-linpu";
        a.serviceCode = "LOAN_APPLICATION";
        a.startsAt = Instant.parse("2030-01-07T01:00:00Z");
        a.endsAt = Instant.parse("2030-01-07T01:30:00Z");
        a.createdAt = Instant.parse("2030-01-01T00:00:00Z");
        a.status = AppointmentStatus.CANCELLED_BY_CENTRE;
        a.cancelReason = "台风停止办公; closed, sorry";
        HallService s = new HallService();
        s.name = "住房公积金贷款申请";
        s.nameEn = "HPF loan application";
        String ics = AppointmentCalendar.of(a, new AppointmentRepository.BookableOutlet("xs-linpu", "临浦服务网点",
                "杭州市萧山区临浦镇峙山路 299 号"), s, Instant.parse("2030-01-02T03:04:05Z"));
        IcsAssert.wellFormed(ics);
        String unfolded = IcsAssert.unfold(ics);
        assertThat(unfolded).contains("\r\nSTATUS:CANCELLED\r\n", "\r\nDTSTAMP:20300102T030405Z\r\n",
                "\r\nDTSTART:20300107T010000Z\r\n", "台风停止办公\\; closed\\, sorry")
                .doesNotContain("BEGIN:VALARM");
        assertThat(ics.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(ics.length());
    }
}
