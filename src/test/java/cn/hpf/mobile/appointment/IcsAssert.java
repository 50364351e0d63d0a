package cn.hpf.mobile.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

/** RFC 5545's line rules, checked on the bytes: CRLF only, at most 75 octets a line, whole UTF-8 characters. */
final class IcsAssert {

    private IcsAssert() {
    }

    static void wellFormed(String ics) {
        assertThat(ics).endsWith("\r\n");
        assertThat(ics.replace("\r\n", "")).as("no bare CR or LF").doesNotContain("\r").doesNotContain("\n");
        for (String line : ics.split("\r\n")) {
            byte[] octets = line.getBytes(StandardCharsets.UTF_8);
            assertThat(octets.length).as(line).isLessThanOrEqualTo(75);
            assertThat(new String(octets, StandardCharsets.UTF_8)).isEqualTo(line);
        }
    }

    /** Folded lines joined again (a CRLF followed by a space is removed). */
    static String unfold(String ics) {
        return ics.replace("\r\n ", "");
    }
}
