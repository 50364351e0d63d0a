package cn.hpf.mobile.common;

import com.fasterxml.jackson.core.JsonProcessingException;

/** A JSON body read by hand (after a signature check) that Jackson could not read: answered like any other. */
public final class UnreadableBodyException extends RuntimeException {

    public UnreadableBodyException(JsonProcessingException cause) {
        super(cause.getOriginalMessage(), cause, false, false);
    }

    public JsonProcessingException json() {
        return (JsonProcessingException) getCause();
    }
}
