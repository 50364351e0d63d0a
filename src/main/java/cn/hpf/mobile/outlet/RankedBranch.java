package cn.hpf.mobile.outlet;

/**
 * A row of the branch statements: a bank and one of its branches with its distance (null without a location),
 * or a bank without branches (branch and distance null).
 */
record RankedBranch(String bankCode, String branchId, Double distanceMetres) {
}
