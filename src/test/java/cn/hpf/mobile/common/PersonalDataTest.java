package cn.hpf.mobile.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

    private static final String ID = "330106198805121234";
    private static final String CARD = "6222021234567891234";

    @Test
    void fieldsAreMaskedToTheirFirstAndLastFour() {
        assertThat(PersonalData.idNumber(ID)).isEqualTo("3301**********1234");
        assertThat(PersonalData.idNumber("33010619880512123X")).isEqualTo("3301**********123X");
        assertThat(PersonalData.idNumber(null)).isEqualTo("****");
        assertThat(PersonalData.cardNumber(CARD)).isEqualTo("6222***********1234");
        assertThat(PersonalData.cardNumber("6222 0212 3456 7891")).isEqualTo("6222 **** **** 7891");
        assertThat(PersonalData.cardNumber("33010619880512123X")).isEqualTo("3301**********123X");
        // What the database holds already masked comes back as it is.
        assertThat(PersonalData.cardNumber("6222 **** **** 1234")).isEqualTo("6222 **** **** 1234");
        assertThat(PersonalData.cardNumber("3300 **** **** 0101")).isEqualTo("3300 **** **** 0101");
        assertThat(PersonalData.cardNumber(null)).isNull();
    }

    @Test
    void textMasksWhatIsShapedLikeAnIdOrACard() {
        assertThat(PersonalData.text("login " + ID + " refused")).isEqualTo("login 3301**********1234 refused");
        assertThat(PersonalData.text("id=33010619880512123x;")).isEqualTo("id=3301**********123x;");
        assertThat(PersonalData.text("card " + CARD)).isEqualTo("card 6222***********1234");
        assertThat(PersonalData.text("card 6222-0212-3456-7891")).isEqualTo("card 6222-****-****-7891");
        assertThat(PersonalData.text("old id 330106880512123")).isEqualTo("old id 3301*******2123");
        assertThat(PersonalData.text("\"" + ID + "\": not a valid `java.lang.Long`"))
                .doesNotContain(ID);
    }

    @Test
    void textLeavesOtherNumbersAlone() {
        for (String plain : new String[] {"2026-12-03 04:26:44,123", "12345678-1234-5678-9012-345678901234",
                "abcd1234-5678-9012-3456-789012345678", "amount 123456789012 fen",
                "epoch 1764736004123", "micros 1764736004123456", "nanos 1764736004123456789",
                "app 2026000000000001", "20 digits 12345678901234567890", "6222 **** **** 1234", "v13800000002"}) {
            assertThat(PersonalData.text(plain)).as(plain).isSameAs(plain);
        }
    }

    @Test
    void theLogFilterMasksTheMessageAndTheExceptionChain() {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "Refused %s for %d", ExtLogRecord.FormatStyle.PRINTF,
                PersonalDataTest.class.getName());
        record.setParameters(new Object[] {ID, 42});
        IllegalArgumentException cause = new IllegalArgumentException("Cannot deserialize \"" + ID + "\"");
        RuntimeException thrown = new RuntimeException("wrapped", cause);
        thrown.addSuppressed(new IllegalStateException("card " + CARD));
        record.setThrown(thrown);

        assertThat(new PersonalDataLogFilter().isLoggable(record)).isTrue();

        assertThat(record.getFormattedMessage()).isEqualTo("Refused 3301**********1234 for 42");
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(ID).doesNotContain(CARD)
                .contains("java.lang.RuntimeException: wrapped")
                .contains("Caused by: java.lang.IllegalArgumentException: Cannot deserialize \"3301**********1234\"")
                .contains("java.lang.IllegalStateException: card 6222***********1234")
                .contains("PersonalDataTest.theLogFilterMasksTheMessageAndTheExceptionChain");
    }

    @Test
    void aRecordWithoutNumbersIsLeftAsItIs() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "Member %d paid", ExtLogRecord.FormatStyle.PRINTF, "x");
        record.setParameters(new Object[] {42});
        RuntimeException thrown = new RuntimeException("nothing here");
        record.setThrown(thrown);
        assertThat(new PersonalDataLogFilter().isLoggable(record)).isTrue();
        assertThat(record.getMessage()).isEqualTo("Member %d paid");
        assertThat(record.getThrown()).isSameAs(thrown);
    }
}
