package io.dtaas.transform;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableSchema;
import io.dtaas.transform.expr.Values;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code hash}: replaces a value by the lower-case hex digest of {@code salt} followed by the value's text
 * (UTF-8; binary values as their bytes). NULL stays NULL. The salt may be a {@code {{variable}}}.
 */
record Hash(String column, String algorithm, String salt) implements Transformation {

    static final List<String> ALGORITHMS = List.of("sha256", "md5");

    static Hash from(ConfigReader r) {
        return new Hash(r.name("column"), r.choice("algorithm", "sha256", ALGORITHMS), r.text("salt", "", false));
    }

    @Override
    public TransformationType type() {
        return TransformationType.HASH;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        int i = Schemas.column(input, column, "column");
        byte[] saltBytes = Variables.render(salt, context, "salt").getBytes(StandardCharsets.UTF_8);
        String jca = algorithm.equals("md5") ? "MD5" : "SHA-256";
        Column result = new Column(column, ColumnType.of(ColumnKind.STRING), input.columns().get(i).nullable());
        return MapColumn.of(input, i, result, v -> {
            MessageDigest digest = digest(jca); // not thread-safe: one per value
            digest.update(saltBytes);
            digest.update(v instanceof byte[] b ? b : Values.text(Values.normalize(v)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        });
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }
}
