package cn.hpf.mobile.withdrawal;

public enum AdmissionMode {
    REDIS, POSTGRES;
}
