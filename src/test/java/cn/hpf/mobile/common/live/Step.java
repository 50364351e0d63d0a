package cn.hpf.mobile.common.live;

import java.util.UUID;

/** A test machine: OPENED → MOVING → DONE|DROPPED. */
record Step(UUID id, String status) implements StatusEvent {

    @Override
    public int rank() {
        return switch (status) {
            case "OPENED" -> 0;
            case "MOVING" -> 1;
            default -> 2;
        };
    }

    @Override
    public boolean terminal() {
        return rank() == 2;
    }
}
