package cn.hpf.mobile.support;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Seeded generated cases, the tests' own property runner: each case gets a {@link Random} seeded from the run's
 * seed and the case number, so a failure names the one seed that replays it ({@code -Dhpf.case-seed=…} runs only
 * that case). The run's seed is fixed ({@code -Dhpf.seed=…} changes it), so every run tries the same cases unless
 * asked otherwise; {@code -Dhpf.tries-factor=10} runs ten times as many.
 */
public final class Seeded {

    private static final long RUN_SEED = Long.getLong("hpf.seed", 20_261_202L);

    private Seeded() {
    }

    public static void cases(String property, int tries, Consumer<Random> body) {
        String replay = System.getProperty("hpf.case-seed");
        if (replay != null) {
            run(property, Long.parseLong(replay), body);
            return;
        }
        int total = tries * Integer.getInteger("hpf.tries-factor", 1);
        for (int i = 0; i < total; i++) {
            run(property, RUN_SEED * 1_000_003L + i, body);
        }
    }

    private static void run(String property, long seed, Consumer<Random> body) {
        try {
            body.accept(new Random(seed));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(property + " failed for case seed " + seed
                    + " (replay it alone with -Dhpf.case-seed=" + seed + "): " + e.getMessage(), e);
        }
    }

    /** A value in [min, max], the bounds themselves one time in ten: where mistakes live. */
    public static long between(Random r, long min, long max) {
        int pick = r.nextInt(20);
        if (pick == 0) {
            return min;
        }
        if (pick == 1) {
            return max;
        }
        return min + (long) (r.nextDouble() * (max - min + 1));
    }

    public static int between(Random r, int min, int max) {
        return (int) between(r, (long) min, (long) max);
    }

    public static <E extends Enum<E>> E oneOf(Random r, Class<E> type) {
        E[] values = type.getEnumConstants();
        return values[r.nextInt(values.length)];
    }
}
