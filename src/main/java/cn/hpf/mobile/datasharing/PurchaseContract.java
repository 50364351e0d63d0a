package cn.hpf.mobile.datasharing;

import java.time.LocalDate;

/** A filed home purchase contract: the registry's home id, the price in fen and the signing day. */
public record PurchaseContract(String homeId, long priceFen, LocalDate signedOn) {
}
