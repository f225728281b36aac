package io.dtaas.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files are only parsed here (no cluster or container engine on the CI machine): images,
 * ports, probes, env wiring and references must agree with each other and with the applications.
 */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Path K8S = DEPLOY.resolve("k8s");
    private static final Map<String, Integer> APP_PORTS = Map.of("control-plane", 8000, "transfer-worker", 8001);
    private static List<Map<String, Object>> docs;
    private static String version;

    @BeforeAll
    static void load() throws Exception {
        docs = new ArrayList<>();
        for (Path file : k8sFiles()) {
            for (Object doc : new Yaml().loadAll(Files.readString(file))) {
                if (doc != null && !file.endsWith("kustomization.yaml")) {
                    docs.add(map(doc));
                }
            }
        }
        Matcher m = Pattern.compile("<artifactId>dtaas-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("..", "pom.xml")));
        assertThat(m.find()).isTrue();
        version = m.group(1).replace("-SNAPSHOT", "");
    }

    @Test
    void kustomizationListsExactlyTheManifests() throws Exception {
        Map<String, Object> kustomization = map(new Yaml().load(Files.readString(K8S.resolve("kustomization.yaml"))));
        Set<String> listed = new HashSet<>(strings(kustomization.get("resources")));
        Set<String> present = new HashSet<>();
        k8sFiles().stream().map(p -> p.getFileName().toString()).filter(n -> !n.equals("kustomization.yaml"))
                .forEach(present::add);
        assertThat(listed).isEqualTo(present);
    }

    @Test
    void appDeploymentsUseVersionedImagesPortsProbesAndSharedConfig() {
        for (Map.Entry<String, Integer> app : APP_PORTS.entrySet()) {
            Map<String, Object> container = container(find("Deployment", app.getKey()));
            assertThat(container.get("image")).isEqualTo("dtaas/" + app.getKey() + ":" + version);
            List<Object> ports = list(container.get("ports"));
            assertThat(map(ports.get(0)).get("containerPort")).isEqualTo(app.getValue());
            for (String probe : List.of("readinessProbe", "livenessProbe")) {
                Map<String, Object> http = map(map(container.get(probe)).get("httpGet"));
                assertThat(http.get("port")).as(app.getKey() + " " + probe).isEqualTo(app.getValue());
                assertThat(http.get("path")).isEqualTo(probe.startsWith("readiness") ? "/q/health/ready" : "/q/health/live");
            }
            List<String> sources = list(container.get("envFrom")).stream().map(DeployManifestsTest::map)
                    .map(e -> e.containsKey("configMapRef") ? "configmap:" + map(e.get("configMapRef")).get("name")
                            : "secret:" + map(e.get("secretRef")).get("name")).toList();
            assertThat(sources).containsExactlyInAnyOrder("configmap:dtaas-config", "secret:dtaas-secrets");
        }
    }

    @Test
    void servicesPointAtTheContainerPorts() {
        Map<String, Object> service = find("Service", "control-plane");
        Map<String, Object> port = map(list(map(service.get("spec")).get("ports")).get(0));
        assertThat(port.get("targetPort")).isEqualTo(APP_PORTS.get("control-plane"));
        assertThat(map(map(service.get("spec")).get("selector")).get("app")).isEqualTo("control-plane");
    }

    @Test
    void configAndSecretProvideWhatTheAppsRequire() {
        Map<String, Object> config = map(find("ConfigMap", "dtaas-config").get("data"));
        Map<String, Object> secret = map(find("Secret", "dtaas-secrets").get("stringData"));
        assertThat(config).containsEntry("HOST", "0.0.0.0").containsKeys("REDIS_URL", "PORT", "WORKER_PORT");
        assertThat(secret).containsKeys("DATABASE_URL", "DTAAS_SECRET_KEY", "DTAAS_API_TOKEN");
        assertThat(config.keySet()).doesNotContainAnyElementsOf(secret.keySet());
    }

    @Test
    void autoscalerTargetsTheWorkers() {
        Map<String, Object> target = map(map(find("HorizontalPodAutoscaler", "transfer-worker").get("spec"))
                .get("scaleTargetRef"));
        assertThat(target).containsEntry("kind", "Deployment").containsEntry("name", "transfer-worker");
        assertThat(find("Deployment", (String) target.get("name"))).isNotNull();
    }

    @Test
    void composeWaitsForHealthyServicesAndDockerfilesMatch() throws Exception {
        Map<String, Object> services = map(map(new Yaml().load(Files.readString(DEPLOY.resolve("compose.yaml"))))
                .get("services"));
        assertThat(services.values()).allSatisfy(s -> assertThat(map(s)).containsKey("healthcheck"));
        for (String app : APP_PORTS.keySet()) {
            Map<String, Object> service = map(services.get(app));
            assertThat(service.get("image")).isEqualTo("dtaas/" + app + ":" + version);
            assertThat(map(service.get("depends_on"))).containsOnlyKeys("postgres", "redis")
                    .allSatisfy((k, v) -> assertThat(map(v)).containsEntry("condition", "service_healthy"));
            String dockerfile = Files.readString(DEPLOY.resolve("docker").resolve(app + ".Dockerfile"));
            assertThat(dockerfile).contains("COPY " + app + "/target/quarkus-app/ /app/")
                    .contains("EXPOSE " + APP_PORTS.get(app));
            assertThat(map(service.get("environment"))).containsKeys("DATABASE_URL", "REDIS_URL", "DTAAS_SECRET_KEY");
        }
    }

    private static List<Path> k8sFiles() throws Exception {
        try (Stream<Path> files = Files.list(K8S)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static Map<String, Object> find(String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(map(d.get("metadata")).get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        Map<String, Object> podSpec = map(map(map(deployment.get("spec")).get("template")).get("spec"));
        return map(list(podSpec.get("containers")).get(0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static List<String> strings(Object o) {
        return list(o).stream().map(String::valueOf).toList();
    }
}
