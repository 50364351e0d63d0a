package cn.hpf.mobile.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.it.AppProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged application on the tests' database: 30 members racing through both for a slot's
 * seats get exactly the capacity booked, the rest SLOT_FULL; and one member racing herself through both with
 * several keys gets one booking. The count lives in PostgreSQL (the slot row's lock), not in either process.
 */
class AppointmentRaceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String OUTLET = "xs-citizen-centre";
    /** A walk-in service only this test books (the @QuarkusTests book decades ahead, this one next week). */
    private static final String SERVICE = "EMPLOYER_MERGER";
    private static final int CAPACITY = 2;
    private static final int RACERS = 30;
    /** Synthetic members of this test (V7's hpf_generate_members; password Load@2026). */
    private static final int FIRST_MEMBER = 900_001;

    @Test
    void acrossTwoReplicasExactlyTheCapacityIsBooked() throws Exception {
        long t0 = System.nanoTime();
        CompletableFuture<AppProcess> startingA = CompletableFuture.supplyAsync(
                () -> AppProcess.start("appointments-a", Map.of()));
        CompletableFuture<AppProcess> startingB = CompletableFuture.supplyAsync(
                () -> AppProcess.start("appointments-b", Map.of()));
        try (AppProcess a = startingA.join(); AppProcess b = startingB.join()) {
            List<AppProcess> replicas = List.of(a, b);
            System.out.printf("AppointmentRaceIT: replicas up after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            generateMembers();
            System.out.printf("AppointmentRaceIT: members after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            // A weekday next week or the one after, 10:00: within the booking window, never today.
            LocalDate day = LocalDate.now(SHANGHAI).plusDays(7);
            while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                day = day.plusDays(1);
            }
            String slot = day + "T10:00:00+08:00";
            String operator = login(a, "/v1/auth/operator-token", Map.of("username", "ops", "password", "Ops@2026"));
            HttpResponse<String> set = send(b, "PUT", "/v1/ops/outlets/" + OUTLET + "/capacity", operator, null,
                    Map.of("items", List.of(Map.of("service", SERVICE, "weekday", day.getDayOfWeek().getValue(),
                            "capacityPerSlot", CAPACITY))));
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

            List<String> tokens = IntStream.range(0, RACERS + 1).parallel()
                    .mapToObj(i -> login(replicas.get(i % 2), "/v1/auth/token", Map.of("memberNo",
                            memberNo(FIRST_MEMBER + i), "password", "Load@2026", "channel", "APP"))).toList();
            System.out.printf("AppointmentRaceIT: logged in after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            // Bookings left by an earlier run on this database are cancelled through the API first.
            IntStream.range(0, tokens.size()).parallel().forEach(i -> cancelActive(replicas.get(i % 2), tokens.get(i)));
            // Replicas in service are warm: each first books and cancels once (the self-racer below, another day),
            // so that the race meets them as it would in production, not compiling their first queries.
            for (AppProcess replica : replicas) {
                warmUp(replica, tokens.get(RACERS), day.plusDays(1));
            }
            System.out.printf("AppointmentRaceIT: warm after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            int free = remaining(a, day, slot);
            assertThat(free).as("the slot's seats before the race").isEqualTo(CAPACITY);

            Map<String, Object> body = Map.of("outletId", OUTLET, "service", SERVICE, "slotStart", slot);
            List<HttpResponse<String>> answers = race(RACERS, i -> request(replicas.get(i % 2), "POST",
                    "/v1/appointments", tokens.get(i), UUID.randomUUID().toString(), body));
            System.out.printf("AppointmentRaceIT: %d bookings through 2 replicas for %d seats, answered %d ms after "
                    + "the start%n", RACERS, free, (System.nanoTime() - t0) / 1_000_000);
            List<String> summary = answers.stream().map(r -> r.statusCode() + " " + code(r)).toList();
            assertThat(summary).as("answers").filteredOn(s -> s.startsWith("201")).hasSize(CAPACITY);
            assertThat(summary).filteredOn(s -> !s.startsWith("201")).containsOnly("409 SLOT_FULL");
            assertThat(remaining(b, day, slot)).isZero();
            try (Connection c = db(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT (SELECT booked FROM appointment_slot WHERE outlet_id = '" + OUTLET
                         + "' AND service_code = '" + SERVICE + "' AND starts_at = '" + slot + "'), "
                         + "(SELECT count(*) FROM appointment WHERE status = 'BOOKED' AND outlet_id = '" + OUTLET
                         + "' AND service_code = '" + SERVICE + "' AND starts_at = '" + slot + "')")) {
                rs.next();
                assertThat(List.of(rs.getLong(1), rs.getLong(2))).containsExactly((long) CAPACITY, (long) CAPACITY);
            }

            // One member, six keys, both replicas, six different slots of the same service: one booking.
            String self = tokens.get(RACERS);
            LocalDate selfDay = day;
            List<HttpResponse<String>> own = race(6, i -> request(replicas.get(i % 2), "POST", "/v1/appointments",
                    self, UUID.randomUUID().toString(), Map.of("outletId", OUTLET, "service", SERVICE,
                            "slotStart", selfDay.atTime(LocalTime.of(14, 0).plusMinutes(30L * i)) + ":00+08:00")));
            List<String> ownSummary = own.stream().map(r -> r.statusCode() + " " + code(r)).toList();
            assertThat(ownSummary).filteredOn(s -> s.startsWith("201")).hasSize(1);
            assertThat(ownSummary).filteredOn(s -> !s.startsWith("201")).containsOnly("409 APPOINTMENT_EXISTS");
        }
    }

    private interface Call {
        HttpRequest request(int i);
    }

    /** n requests sent at once, alternately to the two replicas; every answer awaited. */
    private static List<HttpResponse<String>> race(int n, Call call) {
        List<HttpRequest> requests = IntStream.range(0, n).mapToObj(call::request).toList();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (HttpRequest r : requests) {
            sent.add(HTTP.sendAsync(r, HttpResponse.BodyHandlers.ofString()));
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }

    private static void warmUp(AppProcess app, String token, LocalDate day) throws Exception {
        remaining(app, day, day + "T09:00:00+08:00");
        HttpResponse<String> booked = send(app, "POST", "/v1/appointments", token, UUID.randomUUID().toString(),
                Map.of("outletId", OUTLET, "service", SERVICE, "slotStart", day + "T09:00:00+08:00"));
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        cancelActive(app, token);
    }

    private static void cancelActive(AppProcess app, String token) {
        try {
            HttpResponse<String> mine = send(app, "GET", "/v1/me/appointments", token, null, null);
            for (JsonNode item : JSON.readTree(mine.body()).path("items")) {
                if ("BOOKED".equals(item.path("status").asText())) {
                    send(app, "DELETE", "/v1/appointments/" + item.path("id").asText(), token, null, null);
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int remaining(AppProcess app, LocalDate day, String slot) throws Exception {
        HttpResponse<String> r = send(app, "GET", "/v1/appointments/slots?outletId=" + OUTLET + "&service=" + SERVICE
                + "&date=" + day, null, null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (JsonNode item : JSON.readTree(r.body()).path("items")) {
            if (item.path("start").asText().equals(slot)) {
                return item.path("remaining").asInt();
            }
        }
        throw new AssertionError("no slot " + slot + " in " + r.body());
    }

    private static String login(AppProcess app, String path, Map<String, Object> body) {
        try {
            HttpResponse<String> r = send(app, "POST", path, null, null, body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return JSON.readTree(r.body()).path("accessToken").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(AppProcess app, String method, String path, String token, String key,
                                             Object body) throws IOException, InterruptedException {
        return HTTP.send(request(app, method, path, token, key, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(AppProcess app, String method, String path, String token, String key,
                                       Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (key != null) {
                b.header("Idempotency-Key", key);
            }
            return b.build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String code(HttpResponse<String> r) {
        try {
            return r.statusCode() == 201 ? "" : JSON.readTree(r.body()).path("code").asText();
        } catch (IOException e) {
            return r.body();
        }
    }

    /** The login of synthetic member i (id 10,000,000 + i). */
    private static String memberNo(int i) {
        return String.format("8%011d", i);
    }

    /** The racers, made by the migrations' own generator unless this database has them already. */
    private static void generateMembers() throws SQLException {
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.execute("SELECT hpf_generate_members(" + FIRST_MEMBER + ", " + (RACERS + 1) + ")");
        }
    }

    private static Connection db() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/"
                + System.getenv().getOrDefault("HPF_TEST_DB", "hpf_test"), "hpf", "hpf");
    }
}
