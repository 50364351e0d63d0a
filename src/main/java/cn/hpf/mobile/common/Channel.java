package cn.hpf.mobile.common;

/** Where a request came from; recorded on every money action together with the actor. */
public enum Channel {
    APP, MINI_PROGRAM, PARTNER, COUNTER, SYSTEM
}
