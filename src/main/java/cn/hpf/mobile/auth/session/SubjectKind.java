package cn.hpf.mobile.auth.session;

/** Who a session signs in. */
public enum SubjectKind {
    MEMBER, OPERATOR
}
