package cn.hpf.mobile.withdrawal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the simulation knows of the money, from what it asked and what it was answered, and nothing else: every
 * key it sent (whose, which face verification, how much), every answer to it, the quotes and transfers it asked
 * for. An answer that breaks a rule on its own is refused as it arrives ({@link #answered}); the rest is checked
 * against PostgreSQL once the seed settled (MoneyAdversaryTest.Run#check).
 */
final class MoneyModel {

    /** One answer to a keyed request; {@code id} the resource a 201 named. */
    record Answer(long sentAtMillis, int status, String code, String id, long amountFen) {
    }

    /** A key (Idempotency-Key or outBizNo) and the one request it stands for. */
    static final class Keyed {
        final String key;
        final long member;
        final String face;
        final long amountFen;
        final boolean partner;
        final List<Answer> answers = new CopyOnWriteArrayList<>();
        volatile String id;

        Keyed(String key, long member, String face, long amountFen, boolean partner) {
            this.key = key;
            this.member = member;
            this.face = face;
            this.amountFen = amountFen;
            this.partner = partner;
        }
    }

    private final Map<String, Keyed> keys = new ConcurrentHashMap<>();
    private final Map<String, String> actionByFace = new ConcurrentHashMap<>();
    private final Map<Long, Long> opening = new ConcurrentHashMap<>();
    /** Prepayment quotes the simulation was given: id → amount. */
    private final Map<String, Long> quotes = new ConcurrentHashMap<>();
    /** Balances it put at other centres for transfers in: origin account → amount. */
    private final Map<String, Long> origins = new ConcurrentHashMap<>();

    void opened(long member, long balanceFen) {
        opening.put(member, balanceFen);
    }

    long opening(long member) {
        return opening.get(member);
    }

    Keyed key(String key, long member, String face, long amountFen, boolean partner) {
        return keys.computeIfAbsent(key, k -> new Keyed(k, member, face, amountFen, partner));
    }

    Keyed key(String key) {
        return keys.get(key);
    }

    Collection<Keyed> keys() {
        return keys.values();
    }

    void quoted(String quoteId, long amountFen) {
        quotes.put(quoteId, amountFen);
    }

    Long quote(String quoteId) {
        return quotes.get(quoteId);
    }

    void origin(String account, long amountFen) {
        origins.put(account, amountFen);
    }

    Long origin(String account) {
        return origins.get(account);
    }

    /**
     * An answer, checked at once against what holds for every answer: a key names one resource whatever the retry
     * or burst (same key, same answer), it is for the amount asked, and a face verification authorizes at most one
     * action whichever key carries it.
     */
    synchronized void answered(Keyed k, Answer a) {
        k.answers.add(a);
        if (a.status() != 201) {
            return;
        }
        if (a.amountFen() != k.amountFen) {
            throw new AssertionError("key " + k.key + " asked " + k.amountFen + " fen and was answered " + a);
        }
        if (k.id == null) {
            k.id = a.id();
        } else if (!k.id.equals(a.id())) {
            throw new AssertionError("key " + k.key + " answered two resources: " + k.id + " and " + a.id());
        }
        String earlier = actionByFace.putIfAbsent(k.face, a.id());
        if (earlier != null && !earlier.equals(a.id())) {
            throw new AssertionError("face verification " + k.face + " authorized two actions: " + earlier + " and "
                    + a.id() + " (key " + k.key + ")");
        }
    }

    /** The keys whose requests carried this face verification. */
    List<Keyed> byFace(String face) {
        List<Keyed> out = new ArrayList<>();
        for (Keyed k : keys.values()) {
            if (k.face.equals(face)) {
                out.add(k);
            }
        }
        return out;
    }
}
