package io.dtaas.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.UnknownKeywordFactory;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validates every resource file that deploy/k8s/kustomization.yaml lists against the Kubernetes
 * {@value #KUBERNETES_VERSION} JSON schemas (strict: unknown fields are errors, as {@code kubectl apply
 * --validate=strict} treats them). The schemas are test data in
 * {@code src/test/resources/kubernetes-json-schema/} (yannh/kubernetes-json-schema layout, see its README);
 * tests cannot download them.
 */
class KubernetesSchemasTest {

    static final String KUBERNETES_VERSION = "v1.30.0";
    private static final String SCHEMAS = "/kubernetes-json-schema/" + KUBERNETES_VERSION + "-standalone-strict/";
    private static final Path K8S = Path.of("..", "deploy", "k8s");
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The files name "http://json-schema.org/schema#" (no draft) and are written for draft 4; Kubernetes'
     * {@code x-kubernetes-*} annotations do not validate anything.
     */
    private static final JsonMetaSchema KUBERNETES_META_SCHEMA = JsonMetaSchema
            .builder("http://json-schema.org/schema#", JsonMetaSchema.getV4())
            .unknownKeywordFactory((keyword, context) -> keyword.startsWith("x-kubernetes-")
                    ? new NonValidationKeyword(keyword)
                    : UnknownKeywordFactory.getInstance().getKeyword(keyword, context))
            .build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(KUBERNETES_META_SCHEMA));

    static Stream<String> resourceFiles() {
        Map<String, Object> kustomization = new Yaml().load(read(K8S.resolve("kustomization.yaml")));
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) kustomization.get("resources");
        return resources.stream();
    }

    @ParameterizedTest
    @MethodSource("resourceFiles")
    void everyResourceMatchesItsKubernetesSchema(String file) {
        List<JsonNode> documents = documents(read(K8S.resolve(file)));
        assertThat(documents).as(file).isNotEmpty();
        for (JsonNode document : documents) {
            assertThat(errors(document)).as("%s: %s %s", file, document.path("kind").asText(),
                    document.path("metadata").path("name").asText()).isEmpty();
        }
    }

    @Test
    void aMisspeltFieldIsRejected() {
        String deployment = read(K8S.resolve("control-plane.yaml"));
        assertThat(deployment).contains("containerPort:");
        List<String> errors = documents(deployment.replace("containerPort:", "containerPrt:")).stream()
                .flatMap(d -> errors(d).stream()).toList();
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("containerPrt"));
    }

    @Test
    void aWrongTypeAndAMissingRequiredFieldAreRejected() {
        String hpa = read(K8S.resolve("transfer-worker-hpa.yaml"));
        assertThat(hpa).contains("maxReplicas:");
        List<JsonNode> wrongType = documents(hpa.replaceFirst("maxReplicas: *\\d+", "maxReplicas: ten"));
        assertThat(errors(wrongType.get(0))).anySatisfy(e -> assertThat(e).contains("maxReplicas"));
        List<JsonNode> missing = documents(hpa.replaceFirst("(?m)^ *maxReplicas:.*\\n", ""));
        assertThat(errors(missing.get(0))).anySatisfy(e -> assertThat(e).contains("maxReplicas"));
    }

    @Test
    void aKindWithoutAStoredSchemaFailsInsteadOfPassingUnchecked() {
        JsonNode unknown = JSON.createObjectNode().put("apiVersion", "batch/v1").put("kind", "CronJob");
        assertThat(errors(unknown)).singleElement().asString().contains("no Kubernetes " + KUBERNETES_VERSION
                + " schema stored for batch/v1 CronJob");
    }

    /** Validation messages for one resource; a kind with no stored schema is an error too, never a pass. */
    private static List<String> errors(JsonNode resource) {
        String apiVersion = resource.path("apiVersion").asText();
        String kind = resource.path("kind").asText();
        String name = schemaFileName(apiVersion, kind);
        try (InputStream in = KubernetesSchemasTest.class.getResourceAsStream(SCHEMAS + name)) {
            if (in == null) {
                return List.of("no Kubernetes " + KUBERNETES_VERSION + " schema stored for " + apiVersion + " " + kind
                        + " (add " + name + " to src/test/resources" + SCHEMAS + ")");
            }
            JsonSchema schema = FACTORY.getSchema(JSON.readTree(in));
            Set<ValidationMessage> messages = schema.validate(resource);
            return messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** yannh/kubernetes-json-schema naming: {@code deployment-apps-v1.json}, {@code service-v1.json}. */
    static String schemaFileName(String apiVersion, String kind) {
        String[] groupVersion = apiVersion.split("/");
        String group = groupVersion.length == 2 ? "-" + groupVersion[0].split("\\.")[0] : "";
        String version = groupVersion[groupVersion.length - 1];
        return kind.toLowerCase(Locale.ROOT) + group + "-" + version + ".json";
    }

    private static List<JsonNode> documents(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document != null) {
                documents.add(JSON.valueToTree(document));
            }
        }
        return documents;
    }

    private static String read(Path file) {
        try {
            return Files.readString(Objects.requireNonNull(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
