package cn.hpf.mobile.faceauth;

/** PENDING → PASSED | FAILED | EXPIRED, then PASSED → CONSUMED | EXPIRED. */
public enum FaceStatus {
    PENDING, PASSED, FAILED, EXPIRED, CONSUMED
}
