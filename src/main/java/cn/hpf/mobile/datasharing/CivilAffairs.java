package cn.hpf.mobile.datasharing;

import io.smallrye.mutiny.Uni;

/** Civil affairs (民政): who receives the urban minimum living allowance (城镇最低生活保障). */
public interface CivilAffairs {

    Uni<Boolean> receivesMinimumLivingAllowance(String idNumber);
}
