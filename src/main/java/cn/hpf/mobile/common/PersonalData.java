package cn.hpf.mobile.common;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place ID-card and bank-card numbers are masked: answers mask the fields that hold them where they are
 * built ({@link #idNumber}, {@link #cardNumber}); free text that may carry one (problem details, log lines, exception
 * messages) is masked by shape ({@link #text}). Rules: docs/personal-data.md.
 */
public final class PersonalData {

    /**
     * A number that may be an ID-card number (a region code's first digit 1–8, then 17 characters, the last a digit or
     * X; 15 digits for the first generation) or a bank-card number (16–19 digits beginning as cards do, 2[2-7] or
     * 3–6, also written in groups of four), with no digit on either side (a grouped one standing alone, so a UUID's
     * groups are not one). Partners' app ids (16 digits beginning 20) and micro- or nanosecond timestamps (beginning
     * 1, 16 or 19 digits) are not.
     */
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![0-9])(?:[1-8][0-9]{16}[0-9Xx]|[1-8][0-9]{14}|(?:[3-6]|2[2-7])[0-9]{15,18})(?![0-9])"
                    + "|(?<![0-9A-Za-z-])(?:[3-6][0-9]{3}|2[2-7][0-9]{2})(?:[ -][0-9]{4}){3}(?:[ -]?[0-9]{1,3})?"
                    + "(?![0-9A-Za-z-])");

    private PersonalData() {
    }

    /** 3301**********1234: enough for a member to recognise her ID, too little to misuse it. */
    public static String idNumber(String idNumber) {
        if (idNumber == null || idNumber.length() < 8) {
            return "****";
        }
        return idNumber.substring(0, 4) + "*".repeat(idNumber.length() - 8) + idNumber.substring(idNumber.length() - 4);
    }

    /**
     * 6222 **** **** 1234: every digit but the first four and the last four starred, separators kept; a number already
     * masked comes back unchanged, so an answer may mask what the database should hold masked already.
     */
    public static String cardNumber(String number) {
        if (number == null) {
            return null;
        }
        int digits = 0;
        for (int i = 0; i < number.length(); i++) {
            if (digitAt(number, i)) {
                digits++;
            }
        }
        if (digits <= 8) {
            return number;
        }
        StringBuilder masked = new StringBuilder(number.length());
        int seen = 0;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (digitAt(number, i)) {
                seen++;
                masked.append(seen <= 4 || seen > digits - 4 ? c : '*');
            } else {
                masked.append(c);
            }
        }
        return masked.toString();
    }

    /** A digit, or the X that ends an ID-card number. */
    private static boolean digitAt(String number, int i) {
        char c = number.charAt(i);
        return c >= '0' && c <= '9' || (c == 'X' || c == 'x') && i == number.length() - 1;
    }

    /** Whether the text holds something shaped like an ID-card or bank-card number. */
    public static boolean hasNumber(String text) {
        return text != null && NUMBER.matcher(text).find();
    }

    /**
     * The text with every number shaped like an ID-card or bank-card number masked as {@link #cardNumber} does (the
     * same instance when there is none). A safety net for text we do not build field by field: it cannot know a number
     * written in another shape, which is why answers mask their fields where they are built.
     */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(cardNumber(m.group())));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
