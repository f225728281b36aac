package io.dtaas.format.parquet;

import io.dtaas.format.Compression;
import io.dtaas.format.CountingOutputStream;
import io.dtaas.format.ParquetOptions;
import io.dtaas.testing.EdgeCaseBatch;
import io.dtaas.testing.EdgeCaseChecks;
import io.dtaas.testing.FileReadBack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proves the Parquet writer needs no Hadoop at runtime: it runs in a class loader built from the test class
 * path without any Hadoop jar, and what it wrote is read back (with Hadoop) here.
 */
class ParquetWithoutHadoopIT {

    @TempDir
    Path scratch;

    @Test
    void writesEveryCodecWithNoHadoopClassReachable() throws Exception {
        try (URLClassLoader noHadoop = new URLClassLoader(classPathWithoutHadoop(), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration", false, noHadoop))
                    .isInstanceOf(ClassNotFoundException.class);
            @SuppressWarnings("unchecked")
            Function<String, byte[]> writer = (Function<String, byte[]>) Class
                    .forName(WriteEdgeCases.class.getName(), true, noHadoop).getConstructor().newInstance();
            assertThat(writer.getClass().getClassLoader()).isSameAs(noHadoop);
            for (Compression compression : Compression.values()) {
                byte[] file = writer.apply(compression.name());
                EdgeCaseChecks.assertParquet(FileReadBack.parquet(file, scratch),
                        FileReadBack.parquetCodec(compression));
            }
        }
    }

    private static URL[] classPathWithoutHadoop() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.replace('\\', '/').contains("/org/apache/hadoop/"))
                .map(entry -> {
                    try {
                        return new File(entry).toURI().toURL();
                    } catch (MalformedURLException e) {
                        throw new IllegalArgumentException(entry, e);
                    }
                })
                .toArray(URL[]::new);
    }

    /** Loaded by the Hadoop-free class loader: writes the edge-case batch with the named compression. */
    public static final class WriteEdgeCases implements Function<String, byte[]> {

        @Override
        public byte[] apply(String compression) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var writer = new ParquetRowFileWriter(EdgeCaseBatch.schema(), new CountingOutputStream(out),
                    Compression.valueOf(compression), ParquetOptions.DEFAULT)) {
                writer.write(EdgeCaseBatch.batch());
                writer.finish();
            }
            return out.toByteArray();
        }
    }
}
