package io.dtaas.data;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The logical type of a column as DTaaS moves it, independent of any database. Each kind has exactly one
 * Java representation inside a {@link Batch} row:
 *
 * <table>
 *   <tr><th>kind</th><th>Java value</th></tr>
 *   <tr><td>BOOLEAN</td><td>{@link Boolean}</td></tr>
 *   <tr><td>INT16, INT32</td><td>{@link Integer}</td></tr>
 *   <tr><td>INT64</td><td>{@link Long}</td></tr>
 *   <tr><td>FLOAT32</td><td>{@link Float} (NaN and infinities allowed)</td></tr>
 *   <tr><td>FLOAT64</td><td>{@link Double} (NaN and infinities allowed)</td></tr>
 *   <tr><td>DECIMAL</td><td>{@link java.math.BigDecimal} (scale as stored; precision/scale in the type when declared)</td></tr>
 *   <tr><td>STRING, JSON, INTERVAL, UUID, ARRAY, OTHER</td><td>{@link String}: the source's canonical text</td></tr>
 *   <tr><td>BINARY</td><td>{@code byte[]}</td></tr>
 *   <tr><td>DATE</td><td>{@link java.time.LocalDate}</td></tr>
 *   <tr><td>TIME</td><td>{@link java.time.LocalTime}</td></tr>
 *   <tr><td>TIMESTAMP</td><td>{@link java.time.LocalDateTime} (no zone)</td></tr>
 *   <tr><td>TIMESTAMP_TZ</td><td>{@link java.time.Instant} (an instant; zone offsets are not kept)</td></tr>
 * </table>
 * NULL is {@code null} for every kind.
 */
public enum ColumnKind {
    BOOLEAN("boolean"),
    INT16("int16"),
    INT32("int32"),
    INT64("int64"),
    FLOAT32("float32"),
    FLOAT64("float64"),
    DECIMAL("decimal"),
    STRING("string"),
    BINARY("binary"),
    DATE("date"),
    TIME("time"),
    TIMESTAMP("timestamp"),
    TIMESTAMP_TZ("timestamp_tz"),
    INTERVAL("interval"),
    UUID("uuid"),
    JSON("json"),
    /** An array, as the source's text (PostgreSQL: {@code {1,2,3}}). */
    ARRAY("array"),
    /** Anything else, as the source's text. */
    OTHER("other");

    private final String wireName;

    ColumnKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Kinds whose Java value is a String. */
    public boolean isText() {
        return switch (this) {
            case STRING, JSON, INTERVAL, UUID, ARRAY, OTHER -> true;
            default -> false;
        };
    }
}
