package cn.hpf.mobile.appointment;

import cn.hpf.mobile.guide.HallService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An appointment as an iCalendar object (RFC 5545): one VEVENT with times in UTC (valid without a VTIMEZONE; every
 * calendar shows them in its own zone), TEXT values escaped, lines ended by CRLF and folded at 75 octets without
 * splitting a UTF-8 character. A cancelled appointment is published with STATUS:CANCELLED and a higher SEQUENCE,
 * so a calendar that imported it before updates the event.
 */
final class AppointmentCalendar {

    static final String MEDIA_TYPE = "text/calendar";
    private static final int MAX_OCTETS = 75;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private AppointmentCalendar() {
    }

    static String of(Appointment a, AppointmentRepository.BookableOutlet outlet, HallService service, Instant now) {
        AppointmentView view = AppointmentView.of(a, now);
        boolean cancelled = a.status == AppointmentStatus.CANCELLED || a.status == AppointmentStatus.CANCELLED_BY_CENTRE;
        StringBuilder description = new StringBuilder()
                .append("住房公积金预约 HPF appointment\n")
                .append("事项 Service: ").append(service.name).append(" (").append(service.nameEn).append(")\n")
                .append("网点 Outlet: ").append(outlet.name()).append('\n')
                .append("预约号 Appointment: ").append(a.id).append('\n');
        if (a.status == AppointmentStatus.CANCELLED_BY_CENTRE) {
            description.append("已由中心取消 Cancelled by the centre: ").append(a.cancelReason).append('\n');
        } else if (a.status == AppointmentStatus.CANCELLED) {
            description.append("已取消 Cancelled\n");
        } else {
            description.append("请携带本人身份证原件，材料清单见办事指南。Bring your ID card; the guide lists the "
                    + "materials.\n");
        }
        StringBuilder ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//hpf-mobile//Appointments//ZH");
        line(ics, "CALSCALE:GREGORIAN");
        line(ics, "METHOD:PUBLISH");
        line(ics, "BEGIN:VEVENT");
        line(ics, "UID:appointment-" + a.id + "@hpf-mobile");
        line(ics, "DTSTAMP:" + UTC.format(now));
        line(ics, "CREATED:" + UTC.format(a.createdAt));
        line(ics, "DTSTART:" + UTC.format(a.startsAt));
        line(ics, "DTEND:" + UTC.format(a.endsAt));
        line(ics, "SEQUENCE:" + (cancelled ? 1 : 0));
        line(ics, "STATUS:" + (cancelled ? "CANCELLED" : "CONFIRMED"));
        line(ics, "SUMMARY:" + text((cancelled ? "[已取消 Cancelled] " : "") + "公积金预约 " + service.name
                + " HPF appointment: " + service.nameEn));
        line(ics, "LOCATION:" + text(outlet.name() + ", " + outlet.address()));
        line(ics, "DESCRIPTION:" + text(description.toString().strip()));
        if (!cancelled && view.status().equals(AppointmentStatus.BOOKED.name())) {
            line(ics, "BEGIN:VALARM");
            line(ics, "ACTION:DISPLAY");
            line(ics, "TRIGGER:-PT1H");
            line(ics, "DESCRIPTION:" + text("公积金预约一小时后开始 Your HPF appointment starts in an hour"));
            line(ics, "END:VALARM");
        }
        line(ics, "END:VEVENT");
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    /** A TEXT value: backslash, semicolon, comma and line breaks escaped. */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case ';' -> out.append("\\;");
                case ',' -> out.append("\\,");
                case '\n' -> out.append("\\n");
                case '\r' -> { }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Appends a content line folded at 75 octets: each continuation starts with a space, which counts. */
    static void line(StringBuilder ics, String content) {
        int octets = 0;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > MAX_OCTETS) {
                ics.append("\r\n ");
                octets = 1;
            }
            ics.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        ics.append("\r\n");
    }
}
