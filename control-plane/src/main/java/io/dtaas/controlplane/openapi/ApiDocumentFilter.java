package io.dtaas.controlplane.openapi;

import io.dtaas.connect.ConnectorRegistry;
import io.dtaas.controlplane.api.Problem;
import io.dtaas.connect.standard.StandardConnectors;
import io.dtaas.connect.Role;
import io.dtaas.controlplane.notification.ChannelType;
import io.dtaas.controlplane.notification.NotificationKind;
import io.dtaas.controlplane.task.ScheduleType;
import io.dtaas.job.JobKind;
import io.dtaas.variables.VariableDefinition;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Completes the generated OpenAPI document with what annotations cannot say from one place: the closed value sets
 * (taken from the code that checks them, so they never drift), the fields a create requires, and the problem
 * documents every operation may answer with. It runs when the application is built and the finished document is
 * stored with it: run at every start instead, it cost a loaded 2-core machine seconds (the connector registry's
 * classes and the whole document model), and nothing it adds depends on the run's configuration.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ApiDocumentFilter implements OASFilter {

    static final String PROBLEM = "Problem";
    private static final Map<String, String> ERRORS = Map.of(
            "400", "malformed JSON or parameters", "401", "the API token is required and missing or wrong",
            "403", "a cross-site browser request or a foreign Host", "404", "what the path names does not exist",
            "409", "a name is taken, a thing is in use, or the action does not apply in the current state",
            "413", "the body is too large", "415", "the body is not JSON",
            "422", "invalid input: errors[] names every field and its problem",
            "500", "a bug: reference names the server log entry", "502", "a customer system could not be reached");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        api.getComponents().addSchema(PROBLEM, problemSchema());
        ConnectorRegistry registry = StandardConnectors.registry();
        List<String> roles = Arrays.stream(Role.values()).map(Role::wireName).toList();
        List<String> sources = registry.idsFor(Role.SOURCE);
        List<String> destinations = registry.idsFor(Role.DESTINATION);
        List<String> modes = Arrays.stream(JobKind.values()).map(JobKind::wireName).toList();
        for (String s : List.of("ConnectorRequest", "ConnectorTestRequest", "ConnectorView")) {
            enumerate(schemas, s, "connector_type", roles);
            enumerate(schemas, s, "source_type", sources);
            enumerate(schemas, s, "destination_type", destinations);
        }
        for (String s : List.of("TaskRequest", "TaskView")) {
            enumerate(schemas, s, "mode", modes);
            enumerate(schemas, s, "schedule_type", ScheduleType.wireNames());
        }
        List<String> channelTypes = Arrays.stream(ChannelType.values()).map(ChannelType::wire).toList();
        enumerate(schemas, "ChannelRequest", "type", channelTypes);
        enumerate(schemas, "ChannelView", "type", channelTypes);
        enumerate(schemas, "AlertView", "kind", NotificationKind.wireNames());
        enumerate(schemas, "AlertView", "state", List.of("open", "resolved"));
        enumerate(schemas, "DeliveryView", "status", List.of("pending", "delivered", "failed"));
        enumerate(schemas, "DeliveryView", "event", List.of("opened", "resolved"));
        enumerate(schemas, "VariableRequest", "variable_type", VariableDefinition.TYPES);
        enumerate(schemas, "VariableRequest", "type", VariableDefinition.TYPES);
        enumerate(schemas, "VariableView", "variable_type", VariableDefinition.TYPES);
        requireOnCreate(api, "/api/connectors", "ConnectorRequest", "ConnectorCreateRequest",
                List.of("name", "connector_type", "connection_config"));
        requireOnCreate(api, "/api/tasks", "TaskRequest", "TaskCreateRequest",
                List.of("name", "source_connector_id", "destination_connector_id", "mode"));
        requireOnCreate(api, "/api/variables", "VariableRequest", "VariableCreateRequest", List.of("name"));
        wireEnum(schemas, "TableReport", "verdict",
                Arrays.stream(io.dtaas.validate.Verdict.values()).map(io.dtaas.validate.Verdict::wireName).toList());
        wireEnum(schemas, "KeyDifference", "kind", Arrays.stream(io.dtaas.validate.KeyDifference.Kind.values())
                .map(io.dtaas.validate.KeyDifference.Kind::wireName).toList());
        allowNullInOptionalEnums(schemas);
        addExamples(api, "/api/connectors", SeedExamples.connectors());
        addExamples(api, "/api/tasks", SeedExamples.tasks());
        addExamples(api, "/api/variables", SeedExamples.variables());
        for (PathItem item : api.getPaths().getPathItems().values()) {
            item.getOperations().values().forEach(ApiDocumentFilter::addErrors);
        }
    }

    private static void enumerate(Map<String, Schema> schemas, String schema, String property, List<String> values) {
        Schema s = schemas.get(schema);
        Schema p = s == null || s.getProperties() == null ? null : s.getProperties().get(property);
        if (p == null) {
            throw new IllegalStateException("the OpenAPI document has no " + schema + "." + property);
        }
        // null stands for "absent" in requests and "not applicable" in answers (source_type of a destination)
        List<Object> allowed = new java.util.ArrayList<>(values);
        allowed.add(null);
        p.setEnumeration(allowed);
        p.addType(Schema.SchemaType.NULL);
    }

    /** A Java enum answered by its wire names ({@code @JsonValue}), where the property or its referenced schema is. */
    private static void wireEnum(Map<String, Schema> schemas, String schema, String property, List<String> values) {
        Schema s = schemas.get(schema);
        Schema p = s == null || s.getProperties() == null ? null : s.getProperties().get(property);
        if (p == null) {
            throw new IllegalStateException("the OpenAPI document has no " + schema + "." + property);
        }
        Schema target = p.getRef() != null ? schemas.get(p.getRef().substring(p.getRef().lastIndexOf('/') + 1)) : p;
        target.setEnumeration(new java.util.ArrayList<>(values));
    }

    /** Java enums in answers are null where they don't apply (a check's {@code failure} when it succeeded). */
    private static void allowNullInOptionalEnums(Map<String, Schema> schemas) {
        for (Schema s : schemas.values()) {
            if (s.getProperties() == null) {
                continue;
            }
            s.getProperties().forEach((name, p) -> {
                Schema target = p.getRef() != null ? schemas.get(p.getRef().substring(p.getRef().lastIndexOf('/') + 1)) : p;
                boolean optional = s.getRequired() == null || !s.getRequired().contains(name);
                if (optional && target != null && target.getEnumeration() != null && !target.getEnumeration().contains(null)) {
                    List<Object> allowed = new java.util.ArrayList<>(target.getEnumeration());
                    allowed.add(null);
                    target.setEnumeration(allowed);
                    target.addType(Schema.SchemaType.NULL);
                }
            });
        }
    }

    /** POST on {@code path} gets a schema that is {@code base} with {@code required} fields (PUT keeps all optional). */
    private static void requireOnCreate(OpenAPI api, String path, String base, String name, List<String> required) {
        api.getComponents().addSchema(name, OASFactory.createSchema()
                .allOf(List.of(OASFactory.createSchema().ref(base))).required(required)
                .description(base + " as POST requires it: " + String.join(", ", required) + " must be given"));
        Operation post = api.getPaths().getPathItem(path).getPOST();
        Content content = post.getRequestBody().getContent();
        content.getMediaTypes().values().forEach(m -> m.setSchema(OASFactory.createSchema().ref(name)));
    }

    private static void addExamples(OpenAPI api, String path, Map<String, String> examples) {
        ObjectMapper json = new ObjectMapper();
        Content content = api.getPaths().getPathItem(path).getPOST().getRequestBody().getContent();
        for (MediaType media : content.getMediaTypes().values()) {
            examples.forEach((name, body) -> {
                try {
                    media.addExample(name, OASFactory.createExample().summary("from the seed documentation")
                            .value(json.readValue(body, Object.class)));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("seed example " + name + " is not JSON", e);
                }
            });
        }
    }

    private static void addErrors(Operation op) {
        APIResponses responses = op.getResponses();
        ERRORS.forEach((status, description) -> {
            if (responses.getAPIResponse(status) == null) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                        .content(problemContent()));
            }
        });
        // an error declared without what it carries (by the generator, e.g. 400 for a body, or by an operation's
        // own @APIResponse such as 408) carries a problem document like every other
        responses.getAPIResponses().forEach((status, response) -> {
            boolean error = status.startsWith("4") || status.startsWith("5");
            if (error && (response.getContent() == null || response.getContent().getMediaTypes().isEmpty())) {
                response.setContent(problemContent());
            }
        });
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)));
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldProblem = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", text).addProperty("message", text).required(List.of("field", "message"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An error answer (RFC 9457 problem document); never a stack trace")
                .addProperty("type", text).addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", text)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldProblem))
                .addProperty("errors_omitted", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .description("how many more fields were at fault than errors lists; absent when none"))
                .addProperty("reference", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .addType(Schema.SchemaType.NULL))
                .required(List.of("title", "status"));
    }
}
