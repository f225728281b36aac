package io.dtaas.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dtaas.data.ColumnKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The canonical text of a value as a load reads it (docs/type-mapping.md, "Canonical text"), for comparing rows
 * whose checksums differ. It depends on the Java value, not on the database, so a value the type mapping changed on
 * purpose (a timestamp_tz landing as a UTC DATETIME, a boolean as BIT(1), numeric(38,10) as DECIMAL(65,30)) has the
 * same text on both ends. The source column's kind decides only how text is read: JSON documents are compared
 * normalised (key order and spacing do not count), UUIDs in lower case.
 */
final class CanonicalText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private CanonicalText() {
    }

    /** The value's canonical text, or null for NULL. */
    static String of(Object value, ColumnKind sourceKind) {
        return switch (value) {
            case null -> null;
            case Boolean b -> b ? "1" : "0";
            case BigDecimal d -> d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
            // a float32 read back as a double (or the reverse) is the same number
            case Float f -> Double.toString(Double.parseDouble(Float.toString(f)));
            case Double d -> Double.toString(d);
            case Number n -> n.toString();
            case byte[] bytes -> HexFormat.of().formatHex(bytes);
            case LocalDate d -> d.toString();
            case LocalTime t -> TIME.format(t);
            case LocalDateTime t -> TIMESTAMP.format(t);
            case Instant i -> TIMESTAMP.format(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
            case String s -> text(s, sourceKind);
            default -> value.toString();
        };
    }

    private static String text(String s, ColumnKind kind) {
        return switch (kind) {
            case JSON -> normalisedJson(s);
            case UUID -> s.toLowerCase(Locale.ROOT);
            // a source boolean read back as text ('1'/'true') is compared as the boolean
            case BOOLEAN -> s.equals("true") || s.equals("t") ? "1" : s.equals("false") || s.equals("f") ? "0" : s;
            default -> s;
        };
    }

    private static String normalisedJson(String s) {
        try {
            JsonNode tree = JSON.readTree(s);
            Object plain = JSON.treeToValue(tree, Object.class); // maps, so that keys are sorted when written
            return JSON.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            return s; // not a document: compared as text
        }
    }
}
