package cn.hpf.mobile.support;

import cn.hpf.mobile.support.ServedOperations.Operation;
import cn.hpf.mobile.support.ServedOperations.Parameter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Hostile requests for one operation of the served OpenAPI document, each drawn from a {@link Random} of its own so
 * that a seed replays it: a body of the operation's schema, then spoilt in one way (a {@link Category}), with path,
 * query and header values of the declared parameters, spoilt in their own categories. Values a real client would
 * send ({@code known}: the fuzzing member's card, loan, face verifications) are mixed in so that some requests get
 * past the first refusal and into the operation itself.
 */
public final class HostileInput {

    /** What is wrong with a request. */
    public enum Category {
        /** Nothing: the schema's shape with plausible values (the baseline; may well be accepted). */
        VALID_SHAPE,
        /** Bytes that are not JSON at all, or JSON of the wrong kind at the top (an array, a string, null). */
        GARBAGE_BODY,
        /** A request body cut short anywhere. */
        TRUNCATED_JSON,
        /** No body where one is required, a body where none is expected. */
        EMPTY_BODY,
        /** Numbers at and past the ends of long and double, -0, NaN and infinities as strings, leading zeros. */
        EXTREME_NUMBERS,
        /** Every number negated. */
        NEGATIVE_NUMBERS,
        /** Control and format characters, lone surrogates, emoji, full-width digits, SQL, path traversal, 10 KB. */
        HOSTILE_STRINGS,
        /** Required fields left out, or the whole object empty. */
        MISSING_FIELDS,
        /** A field twice with different values. */
        DUPLICATED_FIELDS,
        /** A field of the wrong JSON type (a string for a number, an object for a string, null, ...). */
        WRONG_TYPES,
        /** Deeply nested arrays and objects. */
        DEEP_JSON,
        /** Path parameters that name nothing, SQL, traversal, encoded NUL and CR LF, extremes. */
        HOSTILE_PATH,
        /** Query parameters at their extremes (dates, numbers, booleans, enums), repeated, unknown or missing. */
        HOSTILE_QUERY,
        /** A JSON body sent as another content type, or without one. */
        WRONG_CONTENT_TYPE,
        /** Idempotency keys missing, empty, too long or odd; conditional and Accept headers of garbage. */
        HOSTILE_HEADERS
    }

    private static final Set<Category> BODY_CATEGORIES = EnumSet.of(Category.TRUNCATED_JSON,
            Category.EXTREME_NUMBERS, Category.NEGATIVE_NUMBERS, Category.HOSTILE_STRINGS, Category.MISSING_FIELDS,
            Category.DUPLICATED_FIELDS, Category.WRONG_TYPES, Category.WRONG_CONTENT_TYPE);

    /** One request as it goes on the wire: the target is sent exactly as written (already percent-encoded). */
    public record Request(Category category, String method, String target, byte[] body, String contentType,
                          Map<String, String> headers) {

        /** The request, printable: what a failure shows so that it can be read and replayed by hand. */
        public String describe() {
            StringBuilder s = new StringBuilder(method).append(' ').append(target).append("  [").append(category)
                    .append(']');
            headers.forEach((k, v) -> s.append("\n    ").append(k).append(": ").append(abbreviate(v, 200)));
            if (contentType != null) {
                s.append("\n    Content-Type: ").append(contentType);
            }
            if (body != null) {
                s.append("\n    body (").append(body.length).append(" bytes): ")
                        .append(abbreviate(printable(body), 1500));
            }
            return s.toString();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Raw JSON number tokens (and a few strings that pretend to be numbers). */
    static final List<String> EXTREME_NUMBERS = List.of("9223372036854775807", "-9223372036854775808",
            "9223372036854775808", "-9223372036854775809", "18446744073709551616",
            "100000000000000000000000000000000000000", "2147483647", "2147483648", "-2147483649", "1e308", "-1e308",
            "1e309", "-1e309", "4.9e-324", "1e-400", "-0", "-0.0", "0", "0.0", "-1", "0.5", "0.01", "1.0000000000000002",
            "99999999999.999999", "1E3", "1.5e2", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e308\"",
            "\"9223372036854775808\"", "\"-0\"", "\"0x10\"", "\" 1\"", "\"1,000\"", "\"１２３\"");

    /** Strings that have broken parsers, databases, logs and file systems. */
    static final List<String> HOSTILE_STRINGS = List.of("", " ", "\u0000", "a\u0000b", "\u202eevil\u202c",
            "\ufeffbom", "\u200b\u200d", "😀👩‍👩‍👧‍👦🏳️‍🌈", "１２３４５６", "٣٤٥٦", "Ａ\u0301\u0308\u0323",
            "' OR '1'='1", "1; DROP TABLE member; --", "\" OR \"\"=\"", "../../../../etc/passwd",
            "..\\..\\..\\windows\\win.ini", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1:9/a}",
            "%s%s%s%n", "%00", "\r\nX-Injected: 1", "\t\b\f\u0007\u001b[31m", "null", "undefined", "NaN",
            "-1", "0", "9223372036854775808", "2026-02-30", "0000-00-00", "true", "{}", "[]",
            "x".repeat(10_000), "ß".repeat(3_000), "用户".repeat(1_000), "\u0085\u2028\u2029");

    /** Raw JSON string tokens a Java string cannot carry through a generator: lone and reversed surrogates. */
    static final List<String> RAW_STRINGS = List.of("\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u0000\"",
            "\"a\\u0000\"", "\"\\uffff\\ufffe\"");

    /** Path values, already percent-encoded where they say so, sent as they are. */
    static final List<String> HOSTILE_PATH = List.of("0", "-1", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "99999999999999999999999999", "1e308", "NaN", "1.5", "0x10",
            "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "not-a-uuid",
            "%27%20OR%20%271%27%3D%271", "1%3B%20DROP%20TABLE%20member", "..", "...", "%2e%2e", "..%2F..%2Fetc%2Fpasswd",
            "%2e%2e%2f%2e%2e%2f", "..;", "%00", "a%00b", "%0d%0aX-Injected:%201", "%ff%fe", "%c0%ae", "%e2%80%ae",
            "%F0%9F%98%80", "%E7%94%A8%E6%88%B7", "%20", "%09", "%", "%zz", "%25", "a%2Fb", "a;b=c", "~", "*",
            "x".repeat(1_000), "%3Cscript%3E");

    static final List<String> EXTREME_DATES = List.of("0000-01-01", "0001-01-01", "1900-01-01", "1969-12-31",
            "1970-01-01", "2038-01-19", "9999-12-31", "+10000-01-01", "-999999999-01-01", "+999999999-12-31",
            "2026-02-29", "2024-02-30", "2026-13-01", "2026-00-10", "2026-1-1", "20260101", "2026-01-01T00:00:00Z",
            "2026/01/01", "", "today", "2026-01", "1e308");

    static final List<String> EXTREME_QUERY_NUMBERS = List.of("9223372036854775807", "-9223372036854775808",
            "9223372036854775808", "-9223372036854775809", "2147483648", "-2147483649", "0", "-0", "-1", "1e308",
            "-1e308", "1e309", "4.9e-324", "NaN", "Infinity", "-Infinity", "0.5", "1,000", " 1", "0x10", "１２",
            "", "01", "1_000", "+1");

    static final List<String> HOSTILE_CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1",
            "application/json; charset=utf-16", "application/problem+json", "application/jsonx", "*/*", "",
            "application/json, text/plain", "APPLICATION/JSON", "application/json;;;");

    private final ServedOperations.Document doc;
    private final Map<String, List<Object>> known;

    /**
     * {@code known}: values a real client would send, by property or parameter name, or by "path#name" for one
     * operation's path parameter (a loan's id under /v1/me/loans/{id}).
     */
    public HostileInput(ServedOperations.Document doc, Map<String, List<Object>> known) {
        this.doc = doc;
        this.known = known;
    }

    /** The categories that can spoil this operation's requests. */
    public static List<Category> categories(Operation op) {
        List<Category> c = new ArrayList<>(List.of(Category.VALID_SHAPE, Category.GARBAGE_BODY, Category.EMPTY_BODY,
                Category.HOSTILE_QUERY, Category.HOSTILE_HEADERS));
        if (op.bodySchema() != null) {
            c.addAll(BODY_CATEGORIES);
            c.add(Category.DEEP_JSON);
        }
        if (op.parameters().stream().anyMatch(p -> p.in().equals("path"))) {
            c.add(Category.HOSTILE_PATH);
            c.add(Category.HOSTILE_PATH); // where such operations are refused first: twice as often
        }
        return c;
    }

    public Request next(Operation op, Random r) {
        List<Category> categories = categories(op);
        Category category = categories.get(r.nextInt(categories.size()));
        String target = target(op, category, r);
        Map<String, String> headers = headers(op, category, r);
        byte[] body = null;
        String contentType = null;
        if (op.bodySchema() != null) {
            body = body(op, category, r);
            contentType = op.bodyMediaType();
            if (category == Category.WRONG_CONTENT_TYPE) {
                contentType = pick(r, HOSTILE_CONTENT_TYPES);
                if (contentType.isEmpty()) {
                    contentType = null;
                }
            }
        } else if (category == Category.GARBAGE_BODY) {
            body = garbage(r);
            contentType = r.nextBoolean() ? "application/json" : "text/plain";
        }
        if (category == Category.EMPTY_BODY) {
            body = r.nextBoolean() ? null : new byte[0];
            contentType = r.nextBoolean() ? "application/json" : null;
        }
        return new Request(category, op.method(), target, body, contentType, headers);
    }

    // --- target ---

    private String target(Operation op, Category category, Random r) {
        String path = op.path();
        for (Parameter p : op.parameters()) {
            if (!p.in().equals("path")) {
                continue;
            }
            String value = category == Category.HOSTILE_PATH && r.nextInt(3) > 0 ? pick(r, HOSTILE_PATH)
                    : encodePath(String.valueOf(valueFor(op, p.name(), p.schema(), r)));
            path = path.replace("{" + p.name() + "}", value);
        }
        List<String> query = new ArrayList<>();
        for (Parameter p : op.parameters()) {
            if (!p.in().equals("query")) {
                continue;
            }
            boolean hostile = category == Category.HOSTILE_QUERY && r.nextInt(3) > 0;
            if (hostile && r.nextInt(6) == 0) {
                continue; // left out, required or not
            }
            if (!p.required() && !hostile && r.nextBoolean()) {
                continue;
            }
            String value = hostile ? extremeQueryValue(p.schema(), r) : String.valueOf(valueFor(op, p.name(),
                    p.schema(), r));
            query.add(encodeQuery(p.name()) + "=" + encodeQuery(value));
            if (hostile && r.nextInt(5) == 0) {
                query.add(encodeQuery(p.name()) + "=" + encodeQuery(extremeQueryValue(p.schema(), r)));
            }
        }
        if (category == Category.HOSTILE_QUERY && r.nextInt(3) == 0) {
            query.add(pick(r, List.of("__proto__=1", "a[]=1&a[]=2", "%00=%00", "page=-1", "limit=9223372036854775808",
                    "x=" + "y".repeat(2_000), "&&&", "=", "a=%ZZ", "%E7%94%A8=%E6%88%B7")));
        }
        return query.isEmpty() ? path : path + "?" + String.join("&", query);
    }

    private String extremeQueryValue(JsonNode schema, Random r) {
        JsonNode s = doc.resolve(schema);
        String type = type(s);
        String format = s == null ? "" : s.path("format").asText();
        if (format.equals("date") || format.equals("date-time")) {
            return pick(r, EXTREME_DATES);
        }
        return switch (type) {
            case "integer", "number" -> pick(r, EXTREME_QUERY_NUMBERS);
            case "boolean" -> pick(r, List.of("yes", "TRUE", "1", "2", "", "null", "tru"));
            default -> s != null && s.has("enum") ? pick(r, List.of("", "lowercase", "A".repeat(300),
                    s.get("enum").get(0).asText().toLowerCase(), s.get("enum").get(0).asText() + " "))
                    : r.nextBoolean() ? pick(r, HOSTILE_STRINGS).replace("x".repeat(10_000), "x".repeat(1_000))
                    : pick(r, EXTREME_DATES);
        };
    }

    // --- headers ---

    private Map<String, String> headers(Operation op, Category category, Random r) {
        Map<String, String> h = new LinkedHashMap<>();
        for (Parameter p : op.parameters()) {
            if (!p.in().equals("header")) {
                continue;
            }
            if (p.name().equalsIgnoreCase("Idempotency-Key")) {
                h.put(p.name(), uuid(r).toString());
            } else if (p.required() || r.nextBoolean()) {
                h.put(p.name(), asciiOnly(String.valueOf(valueFor(op, p.name(), p.schema(), r))));
            }
        }
        if (category == Category.HOSTILE_HEADERS) {
            String odd = pick(r, List.of("", " ", "x".repeat(256), "x".repeat(4_000), "' OR '1'='1", "../../etc",
                    "%00", "null", "\"quoted\"", "*", "W/\"x\"", "0", "-1", "9223372036854775808"));
            switch (r.nextInt(4)) {
                case 0 -> h.remove("Idempotency-Key");
                case 1 -> h.put("Idempotency-Key", odd);
                case 2 -> h.put("If-None-Match", odd);
                default -> h.put("Accept", pick(r, List.of("application/xml", "text/html", "image/png", "*/*;q=0",
                        "application/json;q=0", odd)));
            }
        }
        return h;
    }

    // --- body ---

    private byte[] body(Operation op, Category category, Random r) {
        JsonNode valid = valid(op, doc.resolve(op.bodySchema()), null, r, 0);
        return switch (category) {
            case GARBAGE_BODY -> garbage(r);
            case TRUNCATED_JSON -> {
                byte[] whole = bytes(valid);
                int cut = whole.length <= 1 ? 0 : r.nextInt(whole.length - 1);
                yield java.util.Arrays.copyOf(whole, cut);
            }
            case EXTREME_NUMBERS -> bytes(spoil(valid, r, (name, v) -> v.isNumber() || r.nextInt(4) == 0
                    ? raw(pick(r, EXTREME_NUMBERS)) : null));
            case NEGATIVE_NUMBERS -> bytes(spoil(valid, r, (name, v) -> v.isNumber()
                    ? raw(v.asText().startsWith("-") ? v.asText().substring(1) : "-" + v.asText()) : null));
            case HOSTILE_STRINGS -> bytes(spoil(valid, r, (name, v) -> v.isTextual() || r.nextInt(4) == 0
                    ? (r.nextInt(5) == 0 ? raw(pick(r, RAW_STRINGS)) : NODES.textNode(pick(r, HOSTILE_STRINGS)))
                    : null));
            case WRONG_TYPES -> bytes(spoil(valid, r, (name, v) -> wrongType(v, r)));
            case MISSING_FIELDS -> bytes(missing(op, valid, r));
            case DUPLICATED_FIELDS -> duplicated(valid, r);
            case DEEP_JSON -> deep(r);
            default -> bytes(valid);
        };
    }

    /** A value of the schema, plausible enough to pass where the caller's data allows. */
    private JsonNode valid(Operation op, JsonNode schema, String name, Random r, int depth) {
        if (name != null) {
            List<Object> real = known.get(name);
            if (real != null && !real.isEmpty() && r.nextInt(3) == 0) {
                return JSON.valueToTree(pick(r, real));
            }
        }
        if (schema == null || depth > 6) {
            return NODES.textNode("x");
        }
        if (schema.has("allOf") || schema.has("oneOf") || schema.has("anyOf")) {
            JsonNode options = schema.has("allOf") ? schema.get("allOf")
                    : schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf");
            return valid(op, doc.resolve(options.get(r.nextInt(options.size()))), name, r, depth + 1);
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(r.nextInt(schema.get("enum").size()));
        }
        if (schema.has("examples") && schema.get("examples").size() > 0 && r.nextBoolean()) {
            return schema.get("examples").get(r.nextInt(schema.get("examples").size()));
        }
        if (schema.has("example") && r.nextBoolean()) {
            return schema.get("example");
        }
        return switch (type(schema)) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                Set<String> required = new java.util.HashSet<>();
                schema.path("required").forEach(n -> required.add(n.asText()));
                schema.path("properties").fields().forEachRemaining(f -> {
                    if (required.contains(f.getKey()) || r.nextInt(3) > 0) {
                        o.set(f.getKey(), valid(op, doc.resolve(f.getValue()), f.getKey(), r, depth + 1));
                    }
                });
                yield o;
            }
            case "array" -> {
                ArrayNode a = NODES.arrayNode();
                int n = r.nextInt(3) + (schema.path("minItems").asInt(0) > 0 ? 1 : 0);
                for (int i = 0; i < n; i++) {
                    a.add(valid(op, doc.resolve(schema.path("items")), null, r, depth + 1));
                }
                yield a;
            }
            case "integer" -> {
                long min = schema.has("minimum") ? schema.get("minimum").asLong() : 0;
                long max = schema.has("maximum") ? schema.get("maximum").asLong()
                        : name != null && name.endsWith("Fen") ? 10_000_000 : 1_000;
                yield NODES.numberNode(Seeded.between(r, min, Math.max(min, max)));
            }
            case "number" -> NODES.numberNode(Math.round(r.nextDouble() * 10_000) / 1_000.0);
            case "boolean" -> NODES.booleanNode(r.nextBoolean());
            default -> NODES.textNode(string(schema, r));
        };
    }

    private static String string(JsonNode schema, Random r) {
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
        return switch (schema.path("format").asText()) {
            case "date" -> today.plusDays(r.nextInt(60) - 20).toString();
            case "date-time" -> OffsetDateTime.now(ZoneOffset.ofHours(8)).plusMinutes(r.nextInt(20_000) - 10_000)
                    .toString();
            case "uuid" -> uuid(r).toString();
            default -> {
                int min = schema.path("minLength").asInt(1);
                int max = Math.max(min, Math.min(schema.path("maxLength").asInt(16), 40));
                StringBuilder s = new StringBuilder();
                int n = min + r.nextInt(max - min + 1);
                for (int i = 0; i < n; i++) {
                    s.append((char) ('a' + r.nextInt(26)));
                }
                yield s.toString();
            }
        };
    }

    private Object valueFor(Operation op, String name, JsonNode schema, Random r) {
        List<Object> real = known.getOrDefault(op.path() + "#" + name, known.get(name));
        if (real != null && !real.isEmpty() && r.nextInt(3) == 0) {
            return pick(r, real);
        }
        JsonNode v = valid(op, doc.resolve(schema), null, r, 0);
        return v.isTextual() ? v.asText() : v.toString();
    }

    /** Spoils one to all of the object's fields (recursively) with what {@code how} answers (null: left alone). */
    private static JsonNode spoil(JsonNode valid, Random r, java.util.function.BiFunction<String, JsonNode, JsonNode> how) {
        if (!valid.isObject() || valid.isEmpty()) {
            JsonNode replaced = how.apply(null, valid);
            return replaced != null ? replaced : valid;
        }
        ObjectNode o = ((ObjectNode) valid).deepCopy();
        boolean all = r.nextInt(4) == 0;
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        String one = names.get(r.nextInt(names.size()));
        for (String name : names) {
            if (!all && !name.equals(one)) {
                continue;
            }
            JsonNode v = o.get(name);
            JsonNode replaced = v.isObject() ? spoil(v, r, how) : how.apply(name, v);
            if (replaced != null) {
                o.set(name, replaced);
            }
        }
        return o;
    }

    private static JsonNode wrongType(JsonNode v, Random r) {
        List<JsonNode> others = new ArrayList<>();
        if (!v.isTextual()) {
            others.add(NODES.textNode(v.isNumber() ? v.asText() : "text"));
        }
        if (!v.isNumber()) {
            others.add(NODES.numberNode(r.nextInt(1_000)));
        }
        if (!v.isBoolean()) {
            others.add(NODES.booleanNode(true));
        }
        if (!v.isArray()) {
            others.add(NODES.arrayNode().add(v));
        }
        if (!v.isObject()) {
            others.add(NODES.objectNode().set("value", v));
        }
        others.add(NODES.nullNode());
        return others.get(r.nextInt(others.size()));
    }

    private JsonNode missing(Operation op, JsonNode valid, Random r) {
        if (!valid.isObject() || r.nextInt(5) == 0) {
            return NODES.objectNode();
        }
        ObjectNode o = ((ObjectNode) valid).deepCopy();
        List<String> required = new ArrayList<>();
        JsonNode schema = doc.resolve(op.bodySchema());
        if (schema != null) {
            schema.path("required").forEach(n -> required.add(n.asText()));
        }
        if (required.isEmpty()) {
            o.fieldNames().forEachRemaining(required::add);
        }
        if (required.isEmpty()) {
            return o;
        }
        int drop = 1 + r.nextInt(required.size());
        for (int i = 0; i < drop; i++) {
            o.remove(required.get(r.nextInt(required.size())));
        }
        return o;
    }

    private static byte[] duplicated(JsonNode valid, Random r) {
        if (!valid.isObject() || valid.isEmpty()) {
            return "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8);
        }
        List<String> names = new ArrayList<>();
        valid.fieldNames().forEachRemaining(names::add);
        String name = names.get(r.nextInt(names.size()));
        JsonNode other = r.nextBoolean() ? wrongType(valid.get(name), r) : raw(pick(r, EXTREME_NUMBERS));
        String text = new String(bytes(valid), StandardCharsets.UTF_8);
        String dup = "\"" + name + "\":" + new String(bytes(other), StandardCharsets.UTF_8);
        // First or last: "last wins" and "first wins" parsers disagree on different ends.
        String spoilt = r.nextBoolean() ? "{" + dup + "," + text.substring(1)
                : text.substring(0, text.length() - 1) + "," + dup + "}";
        return spoilt.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] deep(Random r) {
        int depth = pick(r, List.of(100, 1_000, 1_001, 5_000, 20_000));
        boolean arrays = r.nextBoolean();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            s.append(arrays ? "[" : "{\"a\":");
        }
        s.append("1");
        for (int i = 0; i < depth; i++) {
            s.append(arrays ? "]" : "}");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] garbage(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> {
                byte[] b = new byte[1 + r.nextInt(300)];
                r.nextBytes(b);
                yield b;
            }
            case 1 -> pick(r, List.of("null", "[]", "\"text\"", "123", "true", "{", "}", "{}}", "[{]", "{\"a\":}",
                    "{'single':'quotes'}", "{a:1}", "{\"a\":1,}", "NaN", "{\"a\":NaN}", "{\"a\":01}",
                    "{\"a\":\"\\x41\"}", "/* comment */ {}", "\ufeff{}", "{\"a\":1}{\"b\":2}", "\u0000"))
                    .getBytes(StandardCharsets.UTF_8);
            case 2 -> "<?xml version=\"1.0\"?><a>1</a>".getBytes(StandardCharsets.UTF_8);
            case 3 -> new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}', (byte) 0xc0, (byte) 0xae};
            case 4 -> "a=1&b=2".getBytes(StandardCharsets.UTF_8);
            default -> "{\"a\":\"".concat("x".repeat(1 + r.nextInt(5_000))).getBytes(StandardCharsets.UTF_8);
        };
    }

    // --- helpers ---

    private static String type(JsonNode schema) {
        if (schema == null) {
            return "string";
        }
        JsonNode t = schema.path("type");
        if (t.isArray()) {
            for (JsonNode one : t) {
                if (!one.asText().equals("null")) {
                    return one.asText();
                }
            }
        }
        if (t.isTextual()) {
            return t.asText();
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
    }

    private static JsonNode raw(String token) {
        return NODES.rawValueNode(new RawValue(token));
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID uuid(Random r) {
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo);
    }

    private static String encodePath(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodeQuery(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String asciiOnly(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    private static String printable(byte[] body) {
        StringBuilder s = new StringBuilder();
        String text = new String(body, StandardCharsets.UTF_8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            s.append(c < 0x20 || c == 0x7f || c == '\ufffd' ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return s.toString();
    }

    private static String abbreviate(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "…(" + s.length() + " chars)" : s;
    }
}
