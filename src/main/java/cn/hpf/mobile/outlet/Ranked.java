package cn.hpf.mobile.outlet;

/** A row of a nearest-first statement: what was found and how far it is (null without a location). */
record Ranked(String id, Double distanceMetres) {
}
