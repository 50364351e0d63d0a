package cn.hpf.mobile.partner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What a partner may do for a member (or, for the calculator, for anyone). Names are the API's, lower case. */
public enum Scope {
    ACCOUNT, STATEMENTS, WITHDRAWAL, LOANS, CALCULATOR;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope of(String value) {
        for (Scope s : values()) {
            if (s.value().equals(value)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Scopes as a list of names, from a JSON array or a space- or comma-separated string (what a consent URL
     * carries). 400 {@code INVALID_SCOPE} for a name that is not a scope, or for none at all.
     */
    public static List<Scope> parse(Object raw, String field) {
        List<String> names = new ArrayList<>();
        if (raw instanceof String s) {
            for (String part : s.split("[\\s,]+")) {
                if (!part.isBlank()) {
                    names.add(part);
                }
            }
        } else if (raw instanceof List<?> list) {
            list.forEach(o -> names.add(String.valueOf(o)));
        } else if (raw != null) {
            throw PartnerRefusal.INVALID_SCOPE.error(field + " must be a list of scopes.");
        }
        Set<Scope> out = new LinkedHashSet<>();
        for (String n : names) {
            Scope s = of(n);
            if (s == null) {
                throw PartnerRefusal.INVALID_SCOPE.error("Unknown scope '" + n + "'; scopes are "
                        + List.of(values()).stream().map(Scope::value).toList() + ".");
            }
            out.add(s);
        }
        if (out.isEmpty()) {
            throw PartnerRefusal.INVALID_SCOPE.error(field + " must name at least one scope.");
        }
        return List.copyOf(out);
    }

    public static String[] names(List<Scope> scopes) {
        return scopes.stream().map(Scope::value).toArray(String[]::new);
    }

    public static List<Scope> fromNames(String[] names) {
        List<Scope> out = new ArrayList<>();
        for (String n : names) {
            Scope s = of(n);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
