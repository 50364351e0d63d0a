package cn.hpf.mobile.account;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Params;
import io.smallrye.mutiny.Uni;
import java.time.LocalDate;

/** A statements page asked for by query parameters (the member's API and the partner's): 400 on any bad one. */
public record StatementQuery(EntryType type, LocalDate from, LocalDate to, int limit, StatementCursor after) {

    public static StatementQuery parse(String type, String from, String to, String limit, String cursor) {
        EntryType entryType = Params.enumValue(type, "type", EntryType.class);
        LocalDate fromDay = Params.date(from, "from");
        LocalDate toDay = Params.date(to, "to");
        if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
            throw ApiException.invalidField("from", "from must not be after to.");
        }
        int size = Params.intInRange(limit, "limit", 1, 100, 20);
        return new StatementQuery(entryType, fromDay, toDay, size, StatementCursor.decode(cursor));
    }

    public Uni<StatementPage> page(StatementRepository statements, long memberId) {
        return statements.page(memberId, type, from, to, limit, after);
    }
}
