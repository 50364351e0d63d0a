package cn.hpf.mobile.account;

/** NORMAL; SEALED 封存 (no current employer); FROZEN 司法冻结 (judicial freeze, no withdrawal); CLOSED 销户. */
public enum AccountStatus {
    NORMAL, SEALED, FROZEN, CLOSED
}
