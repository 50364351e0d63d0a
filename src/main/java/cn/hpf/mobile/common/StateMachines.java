package cn.hpf.mobile.common;

import java.util.Arrays;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/** What every state machine enum derives from its allowed transitions, written once. */
public final class StateMachines {

    private StateMachines() {
    }

    /** How far along the machine a state is (the longest path to it): a status stream only moves to a higher step. */
    public static <E extends Enum<E>> int step(E state, BiPredicate<E, E> mayMove) {
        return Arrays.stream(state.getDeclaringClass().getEnumConstants()).filter(s -> mayMove.test(s, state))
                .mapToInt(s -> step(s, mayMove) + 1).max().orElse(0);
    }

    /** {@code 'A', 'B'}: the states this one may be reached from, for a guard {@code status IN (…)}. */
    public static <E extends Enum<E>> String sqlFrom(E state, BiPredicate<E, E> mayMove) {
        return Arrays.stream(state.getDeclaringClass().getEnumConstants()).filter(s -> mayMove.test(s, state))
                .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
    }
}
