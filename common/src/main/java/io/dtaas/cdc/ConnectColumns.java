package io.dtaas.cdc;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/**
 * A column read from a change record's Kafka Connect schema (Debezium's semantic type names included): how a
 * column the source gained mid-stream is described, without asking the source (whose catalogue may already
 * be further along than the change being applied).
 */
final class ConnectColumns {

    private ConnectColumns() {
    }

    static Column column(Field field) {
        return new Column(field.name(), type(field.schema()), field.schema().isOptional());
    }

    static ColumnType type(Schema schema) {
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case "io.debezium.time.Date", "org.apache.kafka.connect.data.Date":
                    return ColumnType.of(ColumnKind.DATE);
                case "io.debezium.time.Timestamp":
                    return new ColumnType(ColumnKind.TIMESTAMP, 3, null, null);
                case "io.debezium.time.MicroTimestamp", "org.apache.kafka.connect.data.Timestamp":
                    return new ColumnType(ColumnKind.TIMESTAMP, 6, null, null);
                case "io.debezium.time.NanoTimestamp":
                    return new ColumnType(ColumnKind.TIMESTAMP, 9, null, null);
                case "io.debezium.time.ZonedTimestamp":
                    return ColumnType.of(ColumnKind.TIMESTAMP_TZ);
                case "io.debezium.time.Time", "io.debezium.time.MicroTime", "io.debezium.time.NanoTime",
                     "org.apache.kafka.connect.data.Time":
                    return ColumnType.of(ColumnKind.TIME);
                case "io.debezium.time.ZonedTime", "io.debezium.time.Interval", "io.debezium.time.MicroDuration":
                    return ColumnType.of(ColumnKind.STRING);
                case "io.debezium.data.VariableScaleDecimal":
                    return ColumnType.decimal(null, null);
                case "org.apache.kafka.connect.data.Decimal": {
                    String precision = schema.parameters() == null ? null
                            : schema.parameters().get("connect.decimal.precision");
                    String scale = schema.parameters() == null ? null : schema.parameters().get("scale");
                    return ColumnType.decimal(precision == null ? null : Integer.valueOf(precision),
                            scale == null ? null : Integer.valueOf(scale));
                }
                case "io.debezium.data.Json", "io.debezium.data.Jsonb":
                    return ColumnType.of(ColumnKind.JSON);
                case "io.debezium.data.Uuid":
                    return ColumnType.of(ColumnKind.UUID);
                default:
                    break;
            }
        }
        return switch (schema.type()) {
            case BOOLEAN -> ColumnType.of(ColumnKind.BOOLEAN);
            case INT8, INT16 -> ColumnType.of(ColumnKind.INT16);
            case INT32 -> ColumnType.of(ColumnKind.INT32);
            case INT64 -> ColumnType.of(ColumnKind.INT64);
            case FLOAT32 -> ColumnType.of(ColumnKind.FLOAT32);
            case FLOAT64 -> ColumnType.of(ColumnKind.FLOAT64);
            case BYTES -> ColumnType.of(ColumnKind.BINARY);
            case ARRAY -> ColumnType.of(ColumnKind.ARRAY);
            case STRING, MAP, STRUCT -> ColumnType.of(ColumnKind.STRING);
        };
    }
}
