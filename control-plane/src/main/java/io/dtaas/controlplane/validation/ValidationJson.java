package io.dtaas.controlplane.validation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.dtaas.validate.TableReport;

import java.util.List;
import java.util.Map;

/** Table reports to and from the JSON column they are stored in, with the wire's snake_case names. */
final class ValidationJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private ValidationJson() {
    }

    static Map<String, Object> toJson(TableReport report) {
        return JSON.convertValue(report, new TypeReference<>() { });
    }

    static List<TableReport> reports(List<Map<String, Object>> stored) {
        return stored == null ? List.of() : stored.stream().map(m -> JSON.convertValue(m, TableReport.class)).toList();
    }
}
