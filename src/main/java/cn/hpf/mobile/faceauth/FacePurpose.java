package cn.hpf.mobile.faceauth;

/** What a passed verification may authorize; it is bound to one purpose and cannot be used for another. */
public enum FacePurpose {
    WITHDRAWAL, PREPAYMENT
}
