package cn.hpf.mobile.partner.channel;

import cn.hpf.mobile.audit.AuditRepository;
import cn.hpf.mobile.common.Operator;
import cn.hpf.mobile.common.db.NamedSql;
import cn.hpf.mobile.partner.Scope;
import cn.hpf.partner.client.Pem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Partner apps and their signing keys. */
@ApplicationScoped
public class ChannelRepository {

    /** The app with its ACTIVE keys, as a signature check needs it. */
    private static final String FIND = """
            SELECT a.app_id, a.name, a.notify_url, a.redirect_uri, a.allowed_scopes, a.rate_limit_per_second, a.status,
                   a.replay_memory_since IS NOT NULL AS replay_memory_started,
                   ARRAY(SELECT k.key_id FROM channel_key k WHERE k.app_id = a.app_id AND k.status = 'ACTIVE'
                         ORDER BY k.key_id) AS key_ids,
                   ARRAY(SELECT k.public_key_pem FROM channel_key k WHERE k.app_id = a.app_id AND k.status = 'ACTIVE'
                         ORDER BY k.key_id) AS key_pems
            FROM channel_app a WHERE a.app_id = $1
            """;

    /** The app with all its keys, as operators see it. */
    private static final String VIEW_COLUMNS = """
            a.app_id, a.name, a.notify_url, a.redirect_uri, a.allowed_scopes, a.rate_limit_per_second, a.status,
            a.created_at,
            coalesce((SELECT json_agg(json_build_object('keyId', k.key_id, 'status', k.status,
                                                        'createdAt', k.created_at, 'retiredAt', k.retired_at)
                                      ORDER BY k.created_at, k.key_id)
                      FROM channel_key k WHERE k.app_id = a.app_id), '[]'::json) AS keys
            """;

    private static final String VIEW = "SELECT " + VIEW_COLUMNS + " FROM channel_app a WHERE a.app_id = $1";

    private static final String LIST = "SELECT " + VIEW_COLUMNS + " FROM channel_app a ORDER BY a.created_at, a.app_id";

    /** An operator's change of an app, audited in its statement: who, from where, which app, what. */
    private static String audited(String action, String source, String operator, String client, String result) {
        return AuditRepository.appendAction(action).from(source).by(operator, "'OPS'", source + ".app_id", client)
                .target(source + ".app_id").result(result).cte();
    }

    private static final NamedSql CREATE = NamedSql.of("""
            WITH app AS (
                INSERT INTO channel_app (app_id, name, notify_url, redirect_uri, allowed_scopes, rate_limit_per_second)
                VALUES (#{appId}, #{name}, #{notifyUrl}, #{redirectUri}, #{scopes}, #{rateLimit})
                RETURNING app_id, status
            )%s
            INSERT INTO channel_key (app_id, key_id, public_key_pem) SELECT app_id, #{keyId}, #{publicKeyPem} FROM app
            """.formatted(audited("'CHANNEL_REGISTER'", "app", "#{operator}", "#{client}",
            "app.status || ' key ' || #{keyId}")));

    private static final String SET_STATUS = """
            WITH app AS (
                UPDATE channel_app SET status = $2, updated_at = now() WHERE app_id = $1 RETURNING app_id, status
            )%s
            SELECT app_id FROM app
            """.formatted(audited("$3", "app", "$4", "$5", "app.status"));

    private static final String ADD_KEY = """
            WITH k AS (
                INSERT INTO channel_key (app_id, key_id, public_key_pem) VALUES ($1, $2, $3)
                ON CONFLICT (app_id, key_id) DO NOTHING RETURNING app_id, key_id
            )%s
            SELECT key_id FROM k
            """.formatted(audited("'CHANNEL_KEY_ADD'", "k", "$4", "$5", "'key ' || k.key_id"));

    private static final String RETIRE_KEY = """
            WITH k AS (
                UPDATE channel_key SET status = 'RETIRED', retired_at = coalesce(retired_at, now())
                WHERE app_id = $1 AND key_id = $2 RETURNING app_id, key_id
            )%s
            SELECT key_id FROM k
            """.formatted(audited("'CHANNEL_KEY_RETIRE'", "k", "$3", "$4", "'key ' || k.key_id"));

    private final Pool db;
    private final DataSource jdbc;

    public ChannelRepository(Pool db, DataSource jdbc) {
        this.db = db;
        this.jdbc = jdbc;
    }

    public Uni<ChannelApp> find(String appId) {
        return db.preparedQuery(FIND).execute(Tuple.of(appId)).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? app(it.next()) : null;
        });
    }

    Uni<ChannelView> view(String appId) {
        return db.preparedQuery(VIEW).execute(Tuple.of(appId)).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? view(it.next()) : null;
        });
    }

    Uni<List<ChannelView>> list() {
        return db.preparedQuery(LIST).execute().map(rows -> {
            List<ChannelView> out = new ArrayList<>();
            rows.forEach(r -> out.add(view(r)));
            return out;
        });
    }

    Uni<Void> create(String appId, ChannelRequest r, List<Scope> scopes, int rateLimit, Operator by) {
        return db.preparedQuery(CREATE.sql()).execute(CREATE.bind().set("appId", appId).set("name", r.name().strip())
                        .set("notifyUrl", r.notifyUrl()).set("redirectUri", r.redirectUri())
                        .set("scopes", Scope.names(scopes)).set("rateLimit", rateLimit).set("keyId", r.keyId())
                        .set("publicKeyPem", r.publicKeyPem()).set("operator", by.subject())
                        .set("client", by.clientAddress()).tuple())
                .replaceWithVoid();
    }

    /** One JSON parameter whose keys name the values (JDBC has no named parameters). */
    private static final String REGISTER_DEMO = """
            WITH v AS (
                SELECT * FROM json_to_record(?::json) AS v(app_id text, name text, notify_url text, redirect_uri text,
                                                         key_id text, public_key_pem text)
            ), app AS (
                INSERT INTO channel_app (app_id, name, notify_url, redirect_uri, allowed_scopes, rate_limit_per_second)
                SELECT app_id, name, notify_url, redirect_uri,
                       ARRAY['account', 'statements', 'withdrawal', 'loans', 'calculator'], 200 FROM v
                ON CONFLICT (app_id) DO UPDATE SET notify_url = EXCLUDED.notify_url
                RETURNING app_id
            )
            INSERT INTO channel_key (app_id, key_id, public_key_pem) SELECT app.app_id, v.key_id, v.public_key_pem FROM app, v
            ON CONFLICT (app_id, key_id) DO UPDATE SET public_key_pem = EXCLUDED.public_key_pem, status = 'ACTIVE',
                retired_at = NULL
            """;

    /**
     * The sandbox's demo partner app, with all scopes, whatever state an earlier run left it in. On the startup
     * thread through the small JDBC pool, as the rest of the demo data, never on an event loop.
     */
    public void registerDemo(String appId, String name, String notifyUrl, String redirectUri, String keyId,
                             String publicKeyPem) {
        String values = new JsonObject().put("app_id", appId).put("name", name).put("notify_url", notifyUrl)
                .put("redirect_uri", redirectUri).put("key_id", keyId).put("public_key_pem", publicKeyPem).encode();
        try (Connection c = jdbc.getConnection(); PreparedStatement st = c.prepareStatement(REGISTER_DEMO)) {
            st.setString(1, values);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not register the demo partner app", e);
        }
    }

    /** From now on a nonce memory found missing for the app was lost, not new. */
    public Uni<Void> markReplayMemoryStarted(String appId) {
        return db.preparedQuery("UPDATE channel_app SET replay_memory_since = now() WHERE app_id = $1 "
                + "AND replay_memory_since IS NULL").execute(Tuple.of(appId)).replaceWithVoid();
    }

    /** False when there is no such app. */
    Uni<Boolean> setSuspended(String appId, boolean suspended, Operator by) {
        return db.preparedQuery(SET_STATUS).execute(Tuple.of(appId, suspended ? "SUSPENDED" : "ACTIVE",
                        suspended ? "CHANNEL_SUSPEND" : "CHANNEL_RESUME", by.subject(), by.clientAddress()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** False when the app already has a key with this id. */
    Uni<Boolean> addKey(String appId, String keyId, String publicKeyPem, Operator by) {
        return db.preparedQuery(ADD_KEY).execute(Tuple.of(appId, keyId, publicKeyPem, by.subject(),
                by.clientAddress())).map(rows -> rows.rowCount() == 1);
    }

    /** False when the app has no key with this id. */
    Uni<Boolean> retireKey(String appId, String keyId, Operator by) {
        return db.preparedQuery(RETIRE_KEY).execute(Tuple.of(appId, keyId, by.subject(), by.clientAddress()))
                .map(rows -> rows.rowCount() == 1);
    }

    private static ChannelApp app(Row r) {
        Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
        String[] ids = r.getArrayOfStrings("key_ids");
        String[] pems = r.getArrayOfStrings("key_pems");
        for (int i = 0; i < ids.length; i++) {
            keys.put(ids[i], Pem.readPublicKey(pems[i]));
        }
        return new ChannelApp(r.getString("app_id"), r.getString("name"), r.getString("notify_url"),
                r.getString("redirect_uri"), Scope.fromNames(r.getArrayOfStrings("allowed_scopes")),
                r.getInteger("rate_limit_per_second"), "SUSPENDED".equals(r.getString("status")), Map.copyOf(keys),
                r.getBoolean("replay_memory_started"));
    }

    private static ChannelView view(Row r) {
        List<ChannelView.Key> keys = new ArrayList<>();
        Object raw = r.getValue("keys");
        JsonArray array = raw instanceof JsonArray a ? a : new JsonArray(String.valueOf(raw));
        for (Object o : array) {
            JsonObject k = (JsonObject) o;
            keys.add(new ChannelView.Key(k.getString("keyId"), k.getString("status"), time(k.getString("createdAt")),
                    time(k.getString("retiredAt"))));
        }
        return new ChannelView(r.getString("app_id"), r.getString("name"), r.getString("notify_url"),
                r.getString("redirect_uri"), List.of(r.getArrayOfStrings("allowed_scopes")),
                r.getInteger("rate_limit_per_second"), r.getString("status"), keys, r.getOffsetDateTime("created_at"));
    }

    private static OffsetDateTime time(String json) {
        return json == null ? null : OffsetDateTime.parse(json);
    }

    static boolean isUniqueViolation(Throwable e) {
        return e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState());
    }
}
