package cn.hpf.mobile.common.db;

import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement written with named parameters ({@code #{amount}}, the syntax of the Vert.x SQL client templates),
 * turned once into PostgreSQL's positional form. A name used twice is one parameter. Binding checks that every
 * name gets a value and that no unknown name is set, so a statement of twenty parameters cannot receive them in
 * the wrong order. The positional text is what is prepared (and kept per connection), so it stays the same
 * string for every call.
 */
public final class NamedSql {

    private static final Pattern PARAMETER = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9]*)}");

    private final String sql;
    private final Map<String, Integer> positions;

    private NamedSql(String sql, Map<String, Integer> positions) {
        this.sql = sql;
        this.positions = positions;
    }

    public static NamedSql of(String template) {
        Map<String, Integer> positions = new HashMap<>();
        Matcher m = PARAMETER.matcher(template);
        StringBuilder out = new StringBuilder(template.length());
        while (m.find()) {
            int position = positions.computeIfAbsent(m.group(1), name -> positions.size());
            m.appendReplacement(out, "\\$" + (position + 1));
        }
        m.appendTail(out);
        return new NamedSql(out.toString(), Map.copyOf(positions));
    }

    /** The statement as sent to PostgreSQL ($1, $2, …). */
    public String sql() {
        return sql;
    }

    /** The parameter names in the order of their positions. */
    public List<String> names() {
        String[] names = new String[positions.size()];
        positions.forEach((name, position) -> names[position] = name);
        return List.of(names);
    }

    public Binding bind() {
        return new Binding();
    }

    /** The values of one execution; {@link #tuple()} fails on a name left unset. */
    public final class Binding {

        private final Object[] values = new Object[positions.size()];
        private final boolean[] set = new boolean[positions.size()];

        private Binding() {
        }

        public Binding set(String name, Object value) {
            Integer position = positions.get(name);
            if (position == null) {
                throw new IllegalArgumentException("no parameter #{" + name + "} in this statement");
            }
            values[position] = value;
            set[position] = true;
            return this;
        }

        public Tuple tuple() {
            requireComplete(null);
            return Tuple.from(Arrays.asList(values));
        }

        /** The value set for {@code name}, null when unset. */
        public Object get(String name) {
            Integer position = positions.get(name);
            if (position == null) {
                throw new IllegalArgumentException("no parameter #{" + name + "} in this statement");
            }
            return values[position];
        }

        /** Fails on a name left unset, {@code except} (nullable) aside. */
        public void requireComplete(String except) {
            List<String> missing = new ArrayList<>();
            positions.forEach((name, position) -> {
                if (!set[position] && !name.equals(except)) {
                    missing.add(name);
                }
            });
            if (!missing.isEmpty()) {
                throw new IllegalStateException("parameters without a value: " + missing);
            }
        }
    }
}
