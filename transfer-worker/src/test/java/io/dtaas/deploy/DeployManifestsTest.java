package io.dtaas.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks deploy/ (Kubernetes manifests, compose file, Dockerfiles) by parsing them: there is no cluster or
 * container engine on the CI machine. Lives in transfer-worker because that module is cheap to build; paths are
 * relative to the module directory, where Maven runs the tests.
 */
class DeployManifestsTest {

    private static final Path ROOT = Path.of("..");
    private static final Path DEPLOY = ROOT.resolve("deploy");
    private static final Path K8S = DEPLOY.resolve("k8s");
    private static final List<String> APPS = List.of("control-plane", "transfer-worker");

    @Test
    void kustomizationListsEveryManifestAndOnlyExistingOnes() throws IOException {
        Map<String, Object> kustomization = one(K8S.resolve("kustomization.yaml"));
        try (Stream<Path> files = Files.list(K8S)) {
            List<String> present = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml")).filter(n -> !n.startsWith("kustomization"))
                    .toList();
            assertThat(list(kustomization, "resources")).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(present);
        }
        assertThat(str(kustomization, "namespace")).isEqualTo(str(resource("Namespace", "dtaas"), "metadata", "name"));
    }

    @Test
    void imagesAreTaggedWithTheProjectVersion() {
        for (String app : APPS) {
            String expected = "dtaas/" + app + ":" + releaseVersion();
            assertThat(str(container(app), "image")).as("k8s image of " + app).isEqualTo(expected);
            assertThat(str(compose(), app, "image")).as("compose image of " + app).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @CsvSource({"control-plane, PORT, 1", "transfer-worker, WORKER_PORT, 0"})
    void portsAgreeAcrossConfigContainerServicesProbesDockerfileAndCompose(String app, String portVariable,
            int servicesSelectingIt) throws IOException {
        Map<String, Object> deployment = resource("Deployment", app);
        Map<String, Object> podLabels = map(deployment, "spec", "template", "metadata", "labels");
        assertThat(podLabels).containsAllEntriesOf(map(deployment, "spec", "selector", "matchLabels"));
        Map<String, Object> container = container(app);
        int port = containerPort(container, "http");
        assertThat(environment(app)).as("%s listens on %s", app, portVariable).containsEntry(portVariable, "" + port);
        List<Map<String, Object>> services = k8s("Service").stream()
                .filter(s -> podLabels.entrySet().containsAll(map(s, "spec", "selector").entrySet())).toList();
        assertThat(services).as("Services selecting %s pods", app).hasSize(servicesSelectingIt);
        for (Map<String, Object> service : services) {
            assertThat(resolve(container, at(service, "spec", "ports", 0, "targetPort"))).as("Service targetPort")
                    .isEqualTo(port);
        }
        assertProbe(container, "readinessProbe", "/q/health/ready", port);
        assertProbe(container, "livenessProbe", "/q/health/live", port);
        if (container.containsKey("startupProbe")) {
            assertProbe(container, "startupProbe", "/q/health/live", port);
        }
        assertThat(Files.readString(DEPLOY.resolve("docker").resolve(app + ".Dockerfile")))
                .contains("FROM eclipse-temurin:21-jre")
                .containsPattern("(?m)^COPY .* " + app + "/target/quarkus-app/\\S* /app/")
                .containsPattern("(?m)^EXPOSE " + port + "$")
                .containsPattern("(?m)^USER [1-9][0-9]*(:[0-9]+)?$")
                .contains("ENTRYPOINT [\"java\", \"-Xmx1g\", \"--enable-native-access=ALL-UNNAMED\", \"-jar\", \"/app/quarkus-run.jar\"]");
        assertThat(list(compose(), app, "healthcheck", "test")).contains("http://localhost:" + port + "/q/health/ready");
    }

    @Test
    void appsGetEveryRequiredSettingFromTheConfigMapAndSecret() {
        Map<String, List<String>> required = Map.of(
                "control-plane", List.of("DATABASE_URL", "REDIS_URL", "DTAAS_SECRET_KEY", "DTAAS_API_TOKEN", "HOST", "PORT"),
                "transfer-worker", List.of("DATABASE_URL", "REDIS_URL", "DTAAS_SECRET_KEY", "HOST", "WORKER_PORT"));
        for (String app : APPS) {
            assertThat(list(container(app), "envFrom")).as(app + " envFrom").contains(
                    Map.of("configMapRef", Map.of("name", str(resource("ConfigMap", "dtaas-config"), "metadata", "name"))),
                    Map.of("secretRef", Map.of("name", str(resource("Secret", "dtaas-secrets"), "metadata", "name"))));
            assertThat(environment(app)).as(app + " environment").containsKeys(required.get(app).toArray(String[]::new))
                    .containsEntry("HOST", "0.0.0.0");
        }
        assertThat(map(resource("Secret", "dtaas-secrets"), "stringData").values()).as("template placeholders only")
                .allSatisfy(v -> assertThat(String.valueOf(v)).contains("change-me"));
        assertThat(map(resource("ConfigMap", "dtaas-config"), "data"))
                .doesNotContainKeys("DATABASE_URL", "DTAAS_SECRET_KEY", "DTAAS_API_TOKEN");
        assertThat(num(resource("Deployment", "control-plane"), "spec", "replicas"))
                .as("one control-plane: it runs the scheduler and the in-process transfers").isEqualTo(1);
    }

    @Test
    void urlsPointAtTheBundledServicesWithTheirCredentials() {
        Map<String, String> env = environment("control-plane");
        URI database = URI.create(env.get("DATABASE_URL"));
        URI redis = URI.create(env.get("REDIS_URL"));
        assertThat(num(resource("Service", database.getHost()), "spec", "ports", 0, "port")).isEqualTo(database.getPort());
        assertThat(num(resource("Service", redis.getHost()), "spec", "ports", 0, "port")).isEqualTo(redis.getPort());

        Map<String, Object> postgres = map(resource("StatefulSet", "postgres"), "spec", "template", "spec", "containers", 0);
        Map<String, String> pg = new HashMap<>();
        for (Object var : list(postgres, "env")) {
            Map<?, ?> v = (Map<?, ?>) var;
            pg.put(str(v, "name"), v.containsKey("value") ? str(v, "value") : env.get(str(v, "valueFrom", "secretKeyRef", "key")));
        }
        assertThat(database.getUserInfo()).isEqualTo(pg.get("POSTGRES_USER") + ":" + pg.get("POSTGRES_PASSWORD"));
        assertThat(database.getPath()).isEqualTo("/" + pg.get("POSTGRES_DB"));
        assertThat(list(postgres, "args")).contains("wal_level=logical");
    }

    @Test
    void ingressRoutesRootAndWebSocketToTheControlPlaneService() {
        Map<String, Object> cp = resource("Service", "control-plane");
        for (Object path : list(resource("Ingress", "dtaas"), "spec", "rules", 0, "http", "paths")) {
            assertThat(str(path, "backend", "service", "name")).isEqualTo("control-plane");
            assertThat(map(cp, "spec", "ports", 0)).containsAllEntriesOf(map(path, "backend", "service", "port"));
        }
        assertThat(list(resource("Ingress", "dtaas"), "spec", "rules", 0, "http", "paths"))
                .extracting(p -> (Object) ((Map<?, ?>) p).get("path")).contains("/", "/ws");
    }

    @Test
    void hpaScalesTheWorkerDeploymentOnTheCpuItRequests() {
        Map<String, Object> hpa = resource("HorizontalPodAutoscaler", "transfer-worker");
        assertThat(str(hpa, "apiVersion")).isEqualTo("autoscaling/v2");
        assertThat(map(hpa, "spec", "scaleTargetRef")).containsEntry("kind", "Deployment")
                .containsEntry("name", str(resource("Deployment", "transfer-worker"), "metadata", "name"));
        assertThat(num(hpa, "spec", "minReplicas")).isLessThanOrEqualTo(num(hpa, "spec", "maxReplicas"));
        assertThat(str(hpa, "spec", "metrics", 0, "resource", "name")).isEqualTo("cpu");
        assertThat(map(container("transfer-worker"), "resources", "requests")).as("utilization needs a CPU request")
                .containsKey("cpu");
        assertThat(num(resource("Deployment", "transfer-worker"), "spec", "template", "spec",
                "terminationGracePeriodSeconds")).as("time to checkpoint on SIGTERM").isGreaterThanOrEqualTo(60);
    }

    @Test
    void composeWaitsForHealthyServicesAndRequiresTheSecrets() {
        Map<String, Object> services = compose();
        assertThat(services).containsOnlyKeys("postgres", "redis", "control-plane", "transfer-worker");
        services.forEach((name, s) -> assertThat(map(s, "healthcheck")).as(name + " healthcheck").containsKey("test"));
        for (String app : APPS) {
            assertThat(map(services, app, "depends_on")).as(app + " depends_on").containsOnlyKeys("postgres", "redis")
                    .allSatisfy((dep, cond) -> assertThat(cond).isEqualTo(Map.of("condition", "service_healthy")));
            assertThat(map(services, app, "build")).containsEntry("context", "..");
            assertThat(DEPLOY.resolve(str(services, app, "build", "context")).resolve(str(services, app, "build", "dockerfile")))
                    .isRegularFile();
            assertThat(map(services, app, "environment")).containsEntry("HOST", "0.0.0.0")
                    .containsKeys("DATABASE_URL", "REDIS_URL", "DTAAS_SECRET_KEY");
            assertThat(str(services, app, "environment", "DTAAS_SECRET_KEY")).startsWith("${DTAAS_SECRET_KEY:?");
        }
        assertThat(str(services, "control-plane", "environment", "DTAAS_API_TOKEN")).startsWith("${DTAAS_API_TOKEN:?");
        assertThat(list(services, "control-plane", "ports")).containsExactly("8000:8000");
        assertThat(num(services, "transfer-worker", "deploy", "replicas")).isEqualTo(2);
        assertThat(list(services, "postgres", "command")).contains("wal_level=logical");
    }

    @Test
    void redisKeepsAnAppendOnlyFileOnAPersistentVolume() {
        assertThat(k8s("Deployment")).as("Redis is a StatefulSet, not a Deployment with a throwaway volume")
                .noneMatch(d -> "redis".equals(str(d, "metadata", "name")));
        Map<String, Object> redis = resource("StatefulSet", "redis");
        Map<String, Object> pod = map(redis, "spec", "template", "spec");
        assertThat(list(pod, "containers")).hasSize(1);
        Map<String, Object> container = map(pod, "containers", 0);
        assertAppendOnlyEverySecond(list(container, "args"));
        String dir = flagValue(list(container, "args"), "--dir");

        List<Object> claims = list(redis, "spec", "volumeClaimTemplates");
        Object mount = list(container, "volumeMounts").stream().filter(m -> dir.equals(str(m, "mountPath"))).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at Redis' --dir " + dir));
        assertThat(claims).as("the data dir is a claim of the StatefulSet")
                .anyMatch(c -> str(c, "metadata", "name").equals(str(mount, "name")));
        Object claim = claims.stream().filter(c -> str(c, "metadata", "name").equals(str(mount, "name"))).findFirst()
                .orElseThrow();
        assertThat(list(claim, "spec", "accessModes")).contains("ReadWriteOnce");
        assertThat(str(claim, "spec", "resources", "requests", "storage")).matches("[0-9]+[MGT]i");
        assertThat((List<?>) pod.getOrDefault("volumes", List.of())).as("no emptyDir or other pod volume hides the claim")
                .noneMatch(v -> str(v, "name").equals(str(mount, "name")));

        Map<String, Object> service = resource("Service", "redis");
        assertThat(str(redis, "spec", "serviceName")).isEqualTo(str(service, "metadata", "name"));
        assertThat(map(redis, "spec", "template", "metadata", "labels")).containsAllEntriesOf(map(service, "spec", "selector"));

        Map<String, Object> composed = map(compose(), "redis");
        assertAppendOnlyEverySecond(list(composed, "command"));
        String composeDir = flagValue(list(composed, "command"), "--dir");
        String volume = list(composed, "volumes").stream().map(String::valueOf).filter(v -> v.endsWith(":" + composeDir))
                .findFirst().orElseThrow(() -> new AssertionError("no volume at Redis' --dir in compose"));
        assertThat(map(one(DEPLOY.resolve("compose.yaml")), "volumes")).as("a named volume, not a container path")
                .containsKey(volume.substring(0, volume.indexOf(':')));
    }

    private static void assertAppendOnlyEverySecond(List<Object> args) {
        assertThat(flagValue(args, "--appendonly")).isEqualTo("yes");
        assertThat(flagValue(args, "--appendfsync")).isEqualTo("everysec");
    }

    private static String flagValue(List<Object> args, String flag) {
        int i = args.indexOf(flag);
        assertThat(i).as(flag + " in " + args).isGreaterThanOrEqualTo(0).isLessThan(args.size() - 1);
        return String.valueOf(args.get(i + 1));
    }

    // --- helpers ---

    /** The root pom's version without -SNAPSHOT: 0.1.0-SNAPSHOT is released, and its images tagged, as 0.1.0. */
    private static String releaseVersion() {
        try {
            var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile());
            return XPathFactory.newInstance().newXPath().evaluate("/project/version", pom).trim().replaceFirst("-SNAPSHOT$", "");
        } catch (Exception e) {
            throw new AssertionError("cannot read the version of the root pom.xml", e);
        }
    }

    /** What a Deployment's container sees: ConfigMap and Secret entries (envFrom), then its own env on top. */
    private static Map<String, String> environment(String app) {
        Map<String, String> env = new HashMap<>();
        map(resource("ConfigMap", "dtaas-config"), "data").forEach((k, v) -> env.put(k, String.valueOf(v)));
        map(resource("Secret", "dtaas-secrets"), "stringData").forEach((k, v) -> env.put(k, String.valueOf(v)));
        for (Object var : (List<?>) container(app).getOrDefault("env", List.of())) {
            env.put(str(var, "name"), String.valueOf(((Map<?, ?>) var).get("value")));
        }
        return env;
    }

    private static void assertProbe(Map<String, Object> container, String probe, String path, int port) {
        assertThat(str(container, probe, "httpGet", "path")).as(probe).isEqualTo(path);
        assertThat(resolve(container, at(container, probe, "httpGet", "port"))).as(probe + " port").isEqualTo(port);
    }

    /** A port given by number, or by the name of one of the container's ports. */
    private static int resolve(Map<String, Object> container, Object port) {
        return port instanceof Integer n ? n : containerPort(container, (String) port);
    }

    private static int containerPort(Map<String, Object> container, String name) {
        return list(container, "ports").stream().map(p -> (Map<?, ?>) p).filter(p -> name.equals(p.get("name")))
                .map(p -> (Integer) p.get("containerPort")).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + name));
    }

    private static Map<String, Object> container(String app) {
        List<Object> containers = list(resource("Deployment", app), "spec", "template", "spec", "containers");
        assertThat(containers).as(app + " containers").hasSize(1);
        return map(containers.get(0));
    }

    private static Map<String, Object> resource(String kind, String name) {
        return k8s(kind).stream().filter(d -> name.equals(str(d, "metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in deploy/k8s"));
    }

    /** Every document of a kind in the files kustomization.yaml lists. */
    private static List<Map<String, Object>> k8s(String kind) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Object file : list(one(K8S.resolve("kustomization.yaml")), "resources")) {
            documents(K8S.resolve((String) file)).stream().filter(d -> kind.equals(d.get("kind"))).forEach(found::add);
        }
        return found;
    }

    private static Map<String, Object> compose() {
        return map(one(DEPLOY.resolve("compose.yaml")), "services");
    }

    private static Map<String, Object> one(Path file) {
        List<Map<String, Object>> docs = documents(file);
        assertThat(docs).as(file.toString()).hasSize(1);
        return docs.get(0);
    }

    private static List<Map<String, Object>> documents(Path file) {
        try {
            List<Map<String, Object>> docs = new ArrayList<>();
            new Yaml().loadAll(Files.readString(file)).forEach(d -> docs.add(map(Objects.requireNonNull(d, file + ": empty document"))));
            return docs;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    /** Walks maps by key and lists by index; fails naming the path if a step is missing. */
    private static Object at(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            current = step instanceof Integer i ? ((List<?>) current).get(i) : ((Map<?, ?>) current).get(step);
            if (current == null) {
                throw new AssertionError("missing " + List.of(path) + " at " + step);
            }
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, Object... path) {
        return (Map<String, Object>) at(node, path);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object node, Object... path) {
        return (List<T>) at(node, path);
    }

    private static String str(Object node, Object... path) {
        return String.valueOf(at(node, path));
    }

    private static int num(Object node, Object... path) {
        return (Integer) at(node, path);
    }
}
