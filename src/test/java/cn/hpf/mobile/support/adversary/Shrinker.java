package cn.hpf.mobile.support.adversary;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a failing sequence as delta debugging does: drops chunks of it (halves first, then smaller chunks, down to
 * single elements) and keeps any shorter sequence that still fails, until no single element can go or the time is
 * up. The result still fails (or is the input), in the input's order; each candidate is tried once.
 */
public final class Shrinker {

    /** What shrinking found: the shortest failing sequence and how many candidates were tried. */
    public record Shrunk<T>(List<T> steps, int tries) {
    }

    private Shrinker() {
    }

    public static <T> Shrunk<T> shrink(List<T> failing, Predicate<List<T>> fails, Duration budget) {
        long until = System.nanoTime() + budget.toNanos();
        List<T> current = failing;
        int chunks = 2;
        int tries = 0;
        while (current.size() > 1 && System.nanoTime() < until) {
            int size = (current.size() + chunks - 1) / chunks;
            boolean dropped = false;
            for (int from = 0; from < current.size() && System.nanoTime() < until; from += size) {
                List<T> candidate = new ArrayList<>(current.subList(0, from));
                candidate.addAll(current.subList(Math.min(current.size(), from + size), current.size()));
                if (candidate.isEmpty()) {
                    continue;
                }
                tries++;
                if (fails.test(candidate)) {
                    current = candidate;
                    chunks = Math.max(chunks - 1, 2);
                    dropped = true;
                    break;
                }
            }
            if (!dropped) {
                if (size == 1) {
                    break;
                }
                chunks = Math.min(current.size(), chunks * 2);
            }
        }
        return new Shrunk<>(List.copyOf(current), tries);
    }
}
