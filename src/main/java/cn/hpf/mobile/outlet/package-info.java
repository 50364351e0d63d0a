/**
 * 就近办, the "20-minute service circle": the outlets that handle services in person and the banks members deal
 * with for their loans (委贷银行, 按月转账), nearest first. Public routes {@code GET /v1/outlets} and
 * {@code GET /v1/banks}.
 *
 * <p>Nearest first is PostgreSQL's work, not Java's: places are earth points in {@code cube} columns (generated
 * from lat and lng by {@code hpf_earth_point}) under GiST indexes, and statements order by cube's {@code <->}, a
 * k-nearest-neighbour index scan that reads only the rows returned. The straight-line (chord) distance orders
 * places as the surface distance does; {@code hpf_surface_metres} turns it into metres. Outlets, banks and
 * branches are seeded by migrations and mapped read-only (Hibernate Reactive with Panache); the statements that
 * rank them are in {@link cn.hpf.mobile.outlet.OutletRepository} and {@link cn.hpf.mobile.outlet.BankRepository},
 * and {@code NearestFirstPlanTest} explains those very statements over thousands of rows.
 */
package cn.hpf.mobile.outlet;
