package cn.hpf.mobile.common;

import io.quarkus.logging.LoggingFilter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Filter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The logs' safety net (every handler: quarkus.log.*.filter=personal-data): a record whose message or exception
 * chain holds a number shaped like an ID-card or bank-card number is rewritten with it masked, whoever logged it (our
 * code, RESTEasy, Vert.x, Hibernate, the drivers). It drops nothing. Our own log statements never pass such numbers
 * in the first place; this catches what a framework's DEBUG line or an exception message echoes.
 */
@LoggingFilter(name = "personal-data")
public final class PersonalDataLogFilter implements Filter {

    /** Formats a plain JDK record's message the JDK's way (the log manager's own records format themselves). */
    private static final Formatter FORMATTER = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage()
                : FORMATTER.formatMessage(record);
        String masked = PersonalData.text(message);
        if (masked != message) {
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(masked);
            }
            record.setParameters(null);
            record.setResourceBundle(null);
        }
        Throwable thrown = record.getThrown();
        if (thrown != null && !(thrown instanceof MaskedThrowable) && carriesNumber(thrown)) {
            record.setThrown(masked(thrown, new IdentityHashMap<>()));
        }
        return true;
    }

    private static boolean carriesNumber(Throwable t) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return carriesNumber(t, seen);
    }

    private static boolean carriesNumber(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        if (PersonalData.hasNumber(t.getMessage()) || PersonalData.hasNumber(t.toString())) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (carriesNumber(s, seen)) {
                return true;
            }
        }
        return carriesNumber(t.getCause(), seen);
    }

    /** A copy of the chain with the messages masked, the original types named and the stack traces kept. */
    private static Throwable masked(Throwable t, Map<Throwable, MaskedThrowable> done) {
        MaskedThrowable copy = done.get(t);
        if (copy != null) {
            return copy;
        }
        copy = new MaskedThrowable(t.getClass().getName(), PersonalData.text(t.getMessage()));
        done.put(t, copy);
        copy.setStackTrace(t.getStackTrace());
        if (t.getCause() != null && t.getCause() != t) {
            copy.initCause(masked(t.getCause(), done));
        }
        for (Throwable s : t.getSuppressed()) {
            copy.addSuppressed(masked(s, done));
        }
        return copy;
    }

    /** Stands in for an exception whose message held a number: prints as the original type with the masked text. */
    static final class MaskedThrowable extends RuntimeException {

        private final String type;

        MaskedThrowable(String type, String message) {
            super(message);
            this.type = type;
        }

        @Override
        public String toString() {
            return getMessage() == null ? type : type + ": " + getMessage();
        }
    }
}
