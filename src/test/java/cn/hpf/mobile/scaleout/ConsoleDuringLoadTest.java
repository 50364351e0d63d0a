package cn.hpf.mobile.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.browser.Browser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The picture of the operators' console during a load test (docs/ops-console.png), not part of mvn test (the
 * surefire excludes *LoadTest*). Against an application already running with synthetic members (bin/run and
 * bin/generate-members, or as docs/ops-console.md describes), members withdraw through {@link WithdrawalLoad} while
 * the console, signed in as the demo operator, follows; two thirds in, admissions are paused for a few seconds (the
 * refusals and the switch show it); at the end the console is photographed.
 *
 * <pre>
 * mvn test -Dtest=ConsoleDuringLoadTest -Dhpf.console.url=http://127.0.0.1:8080 [-Dhpf.console.load-seconds=90]
 * </pre>
 */
@Tag("browser")
class ConsoleDuringLoadTest {

    private static final String URL = System.getProperty("hpf.console.url", "http://127.0.0.1:8080");
    private static final Duration LOAD = Duration.ofSeconds(Long.getLong("hpf.console.load-seconds", 90));
    private static final int FIRST_MEMBER = Integer.getInteger("hpf.console.first-member", 1);
    private static final int MEMBERS = Integer.getInteger("hpf.console.members", 3_000);
    private static final int CONCURRENCY = Integer.getInteger("hpf.console.concurrency", 8);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void photographTheConsoleWhileMembersWithdraw() throws Exception {
        try (Browser console = Browser.desktop(URL); WithdrawalLoad load = new WithdrawalLoad(URL, FIRST_MEMBER, MEMBERS)) {
            console.get("/ops/");
            console.type(By.id("username"), "ops");
            console.type(By.id("password"), "Ops@2026");
            console.click(By.id("login-submit"));
            console.waitUntil(d -> console.script("return document.documentElement.dataset.charts") != null);
            console.waitForText(By.id("live"), "实时");
            long before = count(console);

            load.start(CONCURRENCY);
            long start = System.nanoTime();
            long end = start + LOAD.toNanos();
            boolean paused = false;
            // Wait while the load runs: the live count must keep rising (a stuck console would not). Two thirds in,
            // an operator pauses admissions for a few seconds, as for a bank's maintenance window: the refusals
            // chart and the switch's last change show it.
            while (System.nanoTime() < end) {
                long seen = count(console);
                console.waitUntil(d -> count(console) > seen, Duration.ofSeconds(15));
                if (!paused && System.nanoTime() - start > LOAD.toNanos() * 2 / 3) {
                    paused = true;
                    String operator = operatorToken();
                    switchAdmissions(operator, "pause");
                    console.waitUntil(d -> "true".equals(d.findElement(By.id("switch-admissions"))
                            .getAttribute("data-paused")), Duration.ofSeconds(10));
                    switchAdmissions(operator, "resume");
                    console.waitUntil(d -> "false".equals(d.findElement(By.id("switch-admissions"))
                            .getAttribute("data-paused")), Duration.ofSeconds(10));
                }
            }
            assertThat(count(console)).isGreaterThan(before);
            assertThat(console.cspViolations()).isEmpty();
            Path shot = console.screenshot("ops-console-load");
            System.out.println("console photographed during load: " + shot + " (" + (count(console) - before)
                    + " withdrawals admitted meanwhile; answers " + load.tally() + ")");
        }
    }

    private static String operatorToken() throws Exception {
        HttpResponse<String> r = HTTP.send(WithdrawalLoad.post(URL + "/v1/auth/operator-token", null, null,
                Map.of("username", "ops", "password", "Ops@2026"), Duration.ofSeconds(10)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body()).path("accessToken").asText();
    }

    private static void switchAdmissions(String operator, String action) throws Exception {
        HttpResponse<String> r = HTTP.send(WithdrawalLoad.post(URL + "/v1/ops/admissions/" + action, operator, null,
                Map.of("reason", "演示：银行维护窗口"), Duration.ofSeconds(10)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static long count(Browser console) {
        String digits = console.driver().findElement(By.id("kpi-count-value")).getText().replaceAll("[^0-9]", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits);
    }

}
