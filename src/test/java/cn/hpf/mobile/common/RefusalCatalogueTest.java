package cn.hpf.mobile.common;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every refusal SQL can raise is in the one catalogue ({@link Refusal}): a code missing from it would be a 500.
 * Money statements name codes only through the catalogue, so the check reads the sources (Java and migrations)
 * for any other way of raising, and asks PostgreSQL for every function that raises with the refusals' SQLSTATE.
 */
@QuarkusTest
class RefusalCatalogueTest {

    private static final Pattern RAISE = Pattern.compile("hpf_(?:admission_)?refused\\s*\\(([^)]*)\\)");
    private static final Pattern CODE = Pattern.compile("'([A-Z][A-Z_]+)'");

    @Test
    void everyCodeTheSqlCanRaiseIsInTheCatalogue() throws IOException {
        List<String> unknown = new ArrayList<>();
        TreeSet<String> raised = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/java")),
                Files.walk(Path.of("src/main/resources/db/migration")))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (file.endsWith("Refusal.java")) {
                    continue; // the catalogue itself: it renders every raise
                }
                String text = Files.readString(file);
                Matcher call = RAISE.matcher(text);
                while (call.find()) {
                    String argument = call.group(1).trim();
                    if (argument.equals("code TEXT") || argument.equals("reason TEXT") || argument.equals("TEXT")) {
                        continue; // the function's own declaration
                    }
                    Matcher code = CODE.matcher(argument);
                    if (!code.matches() && !argument.startsWith("'")) {
                        unknown.add(file + ": raises a computed code " + argument);
                        continue;
                    }
                    while (code.find()) {
                        raised.add(code.group(1));
                    }
                }
            }
        }
        // The rendered statements too (they name codes through Refusal#raise).
        for (Refusal r : Refusal.values()) {
            assertThat(r.raise()).isEqualTo("hpf_refused('" + r.name() + "')");
        }
        for (String code : raised) {
            try {
                Refusal.valueOf(code);
            } catch (IllegalArgumentException e) {
                unknown.add("SQL raises " + code + ", which the catalogue does not have");
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void onlyTheCataloguesFunctionRaisesTheRefusalsState() throws Exception {
        List<String> functions = new ArrayList<>();
        try (Connection c = Db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT proname FROM pg_proc WHERE prosrc LIKE '%" + Refusal.SQLSTATE
                     + "%' ORDER BY proname")) {
            while (rs.next()) {
                functions.add(rs.getString(1));
            }
        }
        assertThat(functions).containsExactly("hpf_refused");
    }

    @Test
    void theRefusalsAnApiAnswerCarriesAreCatalogued() {
        EnumSet<Refusal> fourHundreds = EnumSet.noneOf(Refusal.class);
        for (Refusal r : Refusal.values()) {
            ApiException e = r.error(java.time.Clock.systemUTC());
            assertThat(e.code()).isEqualTo(r.name());
            assertThat(e.status()).isEqualTo(r.status());
            if (r.status() < 500) {
                fourHundreds.add(r);
                assertThat(e.retryAfterSeconds()).as(r + " tells no time to wait").isNull();
            } else {
                assertThat(e.retryAfterSeconds()).as(r + " says when to retry").isPositive();
            }
        }
        assertThat(fourHundreds).contains(Refusal.INSUFFICIENT_BALANCE, Refusal.IDEMPOTENCY_KEY_IN_FLIGHT);
    }
}
