package cn.hpf.mobile.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every manifest under k8s/ parsed into fabric8's typed model: strict for the core kinds and the ServiceMonitor (a
 * field the model does not know lands in {@code additionalProperties}, which must stay empty, so a misspelt or
 * misplaced field fails here instead of being dropped by the API server), required fields for the operators'
 * resources, whose CRD schemas cannot be fetched here. The overlays are rendered by every kubectl found: Debian's
 * 1.20 (kustomize v2, installed by bin/tools) and any newer one on the PATH.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final Path DEBIAN_KUBECTL = Path.of(".tools/kubectl-debian/usr/bin/kubectl");
    private static final Set<String> OPERATOR_KINDS = Set.of("Cluster", "RedisCluster");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|PRIVATE|CREDENTIAL).*");
    private static final Pattern PINNED_IMAGE = Pattern.compile("[^:@\\s]+(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})");
    private static final KubernetesSerialization MODEL = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void baseManifestsParseStrictly() throws IOException {
        List<HasMetadata> base = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S.resolve("base"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (!file.getFileName().toString().equals("kustomization.yaml")) {
                    base.addAll(parse(Files.readString(file), file.toString()));
                }
            }
        }
        assertThat(kinds(base)).containsExactlyInAnyOrder("ConfigMap", "ConfigMap", "Deployment", "Service",
                "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor", "Job",
                "Cluster", "RedisCluster", "ServiceAccount");
        checkAll(base, "base");
    }

    @Test
    void everyOverlayRendersTheSameWithEveryKubectl() {
        List<Path> kubectls = kubectls();
        assertThat(kubectls).as("a kubectl to render the overlays (bin/tools unpacks Debian's)").isNotEmpty();
        for (String overlay : List.of("sandbox", "prod")) {
            Map<String, Set<String>> seen = new LinkedHashMap<>();
            for (Path kubectl : kubectls) {
                String where = overlay + " rendered by " + kubectl;
                List<HasMetadata> rendered = parse(render(kubectl, K8S.resolve("overlays").resolve(overlay)), where);
                checkAll(rendered, where);
                assertThat(rendered).allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).as(where)
                        .isEqualTo(overlay.equals("prod") ? "hpf" : "hpf-sandbox"));
                assertThat(rendered).allSatisfy(r -> assertThat(r.getMetadata().getLabels()).as(where)
                        .containsEntry("app.kubernetes.io/instance", overlay));
                Set<String> names = new TreeSet<>();
                rendered.forEach(r -> names.add(r.getKind() + "/" + r.getMetadata().getName()));
                seen.put(kubectl.toString(), names);
                Deployment api = one(rendered, Deployment.class, "hpf-mobile");
                ConfigMap config = one(rendered, ConfigMap.class, "hpf-mobile-config");
                if (overlay.equals("sandbox")) {
                    assertThat(api.getSpec().getReplicas()).isEqualTo(1);
                    assertThat(config.getData()).containsEntry("QUARKUS_PROFILE", "sandbox");
                } else {
                    assertThat(api.getSpec().getReplicas()).isGreaterThanOrEqualTo(3);
                    assertThat(config.getData()).containsEntry("QUARKUS_PROFILE", "prod")
                            .containsKey("HPF_BANK_ENDPOINT");
                }
            }
            assertThat(new java.util.HashSet<>(seen.values())).as("the same objects from every kubectl: " + seen)
                    .hasSize(1);
        }
    }

    /** The unknown-field check must itself catch a misplaced field. */
    @Test
    void aMisplacedFieldIsCaught() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: c
                          image: i:1
                          readinessProbe: {httpGet: {path: /q/health/ready, port: 8080}}
                          readinesProbe: {periodSeconds: 5}
                """;
        List<String> unknown = new ArrayList<>();
        unknownFields(parse(yaml, "inline").get(0), "Deployment/x", unknown);
        assertThat(unknown).containsExactly("Deployment/x.spec.template.spec.containers[0].readinesProbe");
    }

    private static void checkAll(List<HasMetadata> objects, String where) {
        for (HasMetadata object : objects) {
            String id = where + ": " + object.getKind() + "/" + object.getMetadata().getName();
            assertThat(object).as(id + " is a Secret: only references to secrets are committed")
                    .isNotInstanceOf(Secret.class);
            if (OPERATOR_KINDS.contains(object.getKind())) {
                assertThat(object).as(id).isInstanceOf(GenericKubernetesResource.class);
                operatorResource((GenericKubernetesResource) object, id);
            } else {
                assertThat(object).as(id + " parsed into its typed model")
                        .isNotInstanceOf(GenericKubernetesResource.class);
                List<String> unknown = new ArrayList<>();
                unknownFields(object, object.getKind() + "/" + object.getMetadata().getName(), unknown);
                assertThat(unknown).as(id + ": fields the model does not know").isEmpty();
            }
            if (object instanceof ConfigMap map) {
                assertThat(map.getData().keySet()).as(id + ": a secret value in a ConfigMap")
                        .noneMatch(k -> SECRET_NAME.matcher(k).matches());
            }
        }
        Deployment api = one(objects, Deployment.class, "hpf-mobile");
        apiPod(api.getSpec().getTemplate().getSpec(), where);
        Map<String, String> podLabels = api.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(api.getSpec().getSelector().getMatchLabels());

        Job migrate = one(objects, Job.class, "hpf-mobile-migrate");
        PodSpec migratePod = migrate.getSpec().getTemplate().getSpec();
        containers(migratePod, where + " migrate");
        assertThat(migratePod.getRestartPolicy()).isEqualTo("Never");
        assertThat(migratePod.getContainers().get(0).getEnv()).extracting(EnvVar::getName)
                .contains("HPF_MIGRATE_ONLY", "QUARKUS_FLYWAY_MIGRATE_AT_START");
        assertThat(one(objects, ConfigMap.class, "hpf-mobile-config").getData())
                .as("replicas never migrate: the Job does, once per rollout")
                .containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "false")
                .containsEntry("QUARKUS_REDIS_CLIENT_TYPE", "cluster");

        Service service = one(objects, Service.class, "hpf-mobile");
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).anySatisfy(p -> assertThat(p.getTargetPort().getStrVal())
                .isEqualTo("http"));
        assertThat(one(objects, Ingress.class, "hpf-mobile").getSpec().getRules()).allSatisfy(rule ->
                assertThat(rule.getHttp().getPaths()).allSatisfy(p -> assertThat(p.getBackend().getService().getName())
                        .isEqualTo("hpf-mobile")));
        HorizontalPodAutoscaler hpa = one(objects, HorizontalPodAutoscaler.class, "hpf-mobile");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("hpf-mobile");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(podLabels).containsAllEntriesOf(
                one(objects, PodDisruptionBudget.class, "hpf-mobile").getSpec().getSelector().getMatchLabels());
        NetworkPolicy policy = one(objects, NetworkPolicy.class, "hpf-mobile");
        assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).allSatisfy(rule -> assertThat(rule.getFrom())
                .allSatisfy(peer -> assertThat(peer.getNamespaceSelector()).as("only other namespaces' ingress "
                        + "controller and Prometheus reach the API").isNotNull()));
        assertThat(policy.getSpec().getEgress()).flatExtracting(e -> e.getPorts())
                .extracting(p -> p.getPort().getIntVal()).containsExactlyInAnyOrder(5432, 6379, 53, 53, 4317, 443);
        ServiceMonitor monitor = one(objects, ServiceMonitor.class, "hpf-mobile");
        assertThat(service.getMetadata().getLabels())
                .containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        assertThat(monitor.getSpec().getEndpoints()).allSatisfy(e -> {
            assertThat(e.getPath()).isEqualTo("/q/metrics");
            assertThat(service.getSpec().getPorts()).extracting(p -> p.getName()).contains(e.getPort());
        });
    }

    private static void apiPod(PodSpec pod, String where) {
        containers(pod, where + " api");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        Container api = pod.getContainers().get(0);
        assertThat(api.getPorts()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(8080);
        });
        probe(api.getStartupProbe(), "/q/health/started");
        probe(api.getReadinessProbe(), "/q/health/ready");
        probe(api.getLivenessProbe(), "/q/health/live");
        assertThat(api.getLifecycle().getPreStop()).as("a pre-stop drain").isNotNull();
        // The grace period must cover the pre-stop pause and the application's own shutdown.
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(30L);
    }

    private static void probe(Probe probe, String path) {
        assertThat(probe).as("probe on " + path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    private static void containers(PodSpec pod, String where) {
        List<Container> all = new ArrayList<>(pod.getContainers());
        all.addAll(pod.getInitContainers());
        assertThat(all).as(where).isNotEmpty().allSatisfy(c -> {
            String id = where + " container " + c.getName();
            assertThat(c.getImage()).as(id + ": pinned image").matches(PINNED_IMAGE).doesNotEndWith(":latest");
            assertThat(c.getResources().getRequests()).as(id + " requests").containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).as(id + " limits").containsKeys("cpu", "memory");
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(id + " read-only root").isTrue();
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(id).isFalse();
            for (EnvVar env : c.getEnv()) {
                if (SECRET_NAME.matcher(env.getName()).matches()) {
                    assertThat(env.getValue()).as(id + ": " + env.getName() + " is a literal, not a secret reference")
                            .isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).as(id + " " + env.getName()).isNotNull();
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static void operatorResource(GenericKubernetesResource resource, String id) {
        Map<String, Object> spec = (Map<String, Object>) resource.getAdditionalProperties().get("spec");
        assertThat(spec).as(id + " spec").isNotNull();
        switch (resource.getKind()) {
            case "Cluster" -> {
                assertThat(resource.getApiVersion()).isEqualTo("postgresql.cnpg.io/v1");
                assertThat((Integer) spec.get("instances")).as(id + " instances").isPositive();
                assertThat((String) spec.get("imageName")).as(id + " image").matches(PINNED_IMAGE);
                assertThat(path(spec, "storage", "size")).as(id + " storage").isNotNull();
                assertThat(path(spec, "bootstrap", "initdb", "database")).as(id).isEqualTo("hpf");
                assertThat(path(spec, "resources", "limits")).as(id + " limits").isNotNull();
            }
            case "RedisCluster" -> {
                assertThat(resource.getApiVersion()).isEqualTo("redis.redis.opstreelabs.in/v1beta2");
                assertThat((Integer) spec.get("clusterSize")).as(id + " masters").isGreaterThanOrEqualTo(3);
                assertThat((String) path(spec, "kubernetesConfig", "image")).as(id + " image").matches(PINNED_IMAGE);
                assertThat(path(spec, "kubernetesConfig", "redisSecret", "name")).as(id + " password by reference")
                        .isNotNull();
                assertThat(path(spec, "kubernetesConfig", "resources", "limits")).as(id + " limits").isNotNull();
                assertThat((Integer) path(spec, "redisFollower", "replicas")).as(id + " a replica per master")
                        .isEqualTo(spec.get("clusterSize"));
                assertThat(path(spec, "storage", "volumeClaimTemplate")).as(id + " storage").isNotNull();
            }
            default -> fail("no check for " + id);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> map, String... keys) {
        Object at = map;
        for (String key : keys) {
            if (!(at instanceof Map)) {
                return null;
            }
            at = ((Map<String, Object>) at).get(key);
        }
        return at;
    }

    /** Walks a typed object and collects the paths of every field its model did not know. */
    static void unknownFields(Object node, String path, List<String> unknown) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
                || node instanceof Enum) {
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(k -> unknown.add(path + "." + k));
            } else {
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                unknownFields(value, path + "." + field, unknown);
            }
        }
    }

    private static List<HasMetadata> parse(String yaml, String where) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (doc == null) {
                continue;
            }
            try {
                HasMetadata object = MODEL.unmarshal(JSON.writeValueAsString(doc));
                objects.add(object);
            } catch (Exception e) {
                throw new AssertionError(where + ": not a Kubernetes object: " + e.getMessage(), e);
            }
        }
        return objects;
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).toList();
        assertThat(found).as(type.getSimpleName() + "/" + name).hasSize(1);
        return found.get(0);
    }

    private static List<String> kinds(List<HasMetadata> objects) {
        return objects.stream().map(HasMetadata::getKind).toList();
    }

    private static List<Path> kubectls() {
        List<Path> found = new ArrayList<>();
        if (Files.isExecutable(DEBIAN_KUBECTL)) {
            found.add(DEBIAN_KUBECTL);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "kubectl");
            if (!dir.isEmpty() && Files.isExecutable(candidate) && found.stream().noneMatch(f -> same(f, candidate))) {
                found.add(candidate);
                break;
            }
        }
        return found;
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static String render(Path kubectl, Path overlay) {
        try {
            Process p = new ProcessBuilder(kubectl.toString(), "kustomize", overlay.toString())
                    .redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String text = new String(out, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(kubectl + " kustomize " + overlay + ":\n" + text).isZero();
            return text;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + kubectl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
