package cn.hpf.mobile.bankcard;

import cn.hpf.mobile.common.PersonalData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class BankCardRepository {

    private final Pool db;

    public BankCardRepository(Pool db) {
        this.db = db;
    }

    public Uni<List<BankCardView>> listOwned(long memberId) {
        return db.preparedQuery("SELECT id, bank_code, bank_name, masked_number, holder_name, real_time_payout "
                        + "FROM bank_card WHERE member_id = $1 ORDER BY id")
                .execute(Tuple.of(memberId))
                .map(rows -> {
                    List<BankCardView> cards = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        cards.add(new BankCardView(r.getLong(0), r.getString(1), r.getString(2),
                                PersonalData.cardNumber(r.getString(3)), r.getString(4), r.getBoolean(5)));
                    }
                    return cards;
                });
    }
}
