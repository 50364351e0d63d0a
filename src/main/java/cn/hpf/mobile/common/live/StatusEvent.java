package cn.hpf.mobile.common.live;

import java.util.UUID;

/**
 * One state of something with a status machine (a withdrawal, a transfer), as pushed on its live event stream and
 * published on its {@link StatusEventHub} channel. Implemented by the JSON records the streams send, so the methods
 * below that are not record components ({@link #rank()}, {@link #terminal()}) must not be serialized: keep them
 * plain methods, not getters.
 */
public interface StatusEvent {

    /** What the event is about; listeners and streams are keyed by it. */
    UUID id();

    /** The state's name, also the SSE event id. */
    String status();

    /** Position along the state machine (the longest path from its start): a stream never goes back to a lower one. */
    int rank();

    /** No later state exists: the stream sends this one and closes. */
    boolean terminal();
}
