package cn.hpf.mobile.faceauth;

/** What the simulated liveness check ends with. */
public enum SandboxOutcome {
    PASS, FAIL
}
