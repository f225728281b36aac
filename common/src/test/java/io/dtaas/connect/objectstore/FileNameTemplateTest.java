package io.dtaas.connect.objectstore;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileNameTemplateTest {

    private static final String F = "connection_config.file_name_template";

    @Test
    void rendersEveryPlaceholderAndKeepsVariablesForTheRunToRender() {
        FileNameTemplate t = FileNameTemplate.parse("{schema}-{table}_{date}_{run}_{chunk}-{part}.{ext}", true, F);
        assertThat(t.render("s", "t", LocalDate.of(2026, 12, 3), "20261203T000000Z-abcdef", 12, 3, "csv.gz"))
                .isEqualTo("s-t_2026-12-03_20261203T000000Z-abcdef_00012-003.csv.gz");
        assertThat(t.hasRun()).isTrue();
        assertThat(FileNameTemplate.parse(" ", true, F).text()).isEqualTo(FileNameTemplate.DEFAULT);
        FileNameTemplate stored = FileNameTemplate.parse("{{tenant}}_{chunk}.{ext}", false, F);
        assertThat(stored.hasRun()).isFalse();
    }

    @Test
    void refusesWhatCouldCollideLeaveTheFolderOrHideNamingTheField() {
        refused("{table}-{chunk}-{rows}.{ext}", false, "has an unknown placeholder {rows}");
        refused("{table}-{chunk.{ext}", false, "has an unknown placeholder {chunk.{ext}");
        refused("{table}-{chunk}}.{ext}", false, "has a } without its opening {");
        refused("{{tenant-{chunk}.{ext}", false, "has a {{ without its closing }}");
        refused("{table}_{run}.{ext}", false, "must contain {chunk}");
        refused("{run}-{chunk}.{ext}", true, "must contain {part}");
        refused("{run}-{chunk}-{part}.csv", true, "must end with {ext}");
        refused("{run}-{chunk}{part}.{ext}", true, "needs a separator between {chunk} and {part}");
        refused("{run}-{chunk}1{part}.{ext}", true, "needs a separator other than digits between {chunk} and {part}");
        refused("../{run}-{chunk}.{ext}", false, "is a file name: no '/'");
        refused("a\\{run}-{chunk}.{ext}", false, "is a file name");
        refused("a\n{run}-{chunk}.{ext}", false, "is a file name");
        refused(".{run}-{chunk}.{ext}", false, "must not start with '.' or '_'");
        refused("_{run}-{chunk}.{ext}", false, "must not start with '.' or '_'");
        refused("x".repeat(201) + "{chunk}.{ext}", false, "must be at most 200 characters");
    }

    @Test
    void partitionColumnsAreParsedAndValuesBecomeSafeFolders() {
        assertThat(FileLayout.partitionColumns(" region , year ", "f")).containsExactly("region", "year");
        assertThat(FileLayout.partitionColumns("", "f")).isEmpty();
        assertThatThrownBy(() -> FileLayout.partitionColumns("a,,b", "config.partition_by"))
                .isInstanceOf(ConfigError.class).hasMessageStartingWith("config.partition_by: must be column names");
        assertThatThrownBy(() -> FileLayout.partitionColumns("a,a", "f")).hasMessageContaining("names a twice");
        assertThatThrownBy(() -> FileLayout.partitionColumns("a,b,c,d,e,f,g,h,i", "f"))
                .hasMessageContaining("at most 8 columns");

        TableSchema schema = new TableSchema(new TableRef(null, "t"), List.of(
                new Column("k", ColumnType.of(ColumnKind.STRING), true),
                new Column("d", ColumnType.of(ColumnKind.DATE), true)), List.of());
        PartitionFolders folders = PartitionFolders.of(List.of("k", "d"), schema, "f");
        assertThat(folders.folder(new Object[] {"../x", LocalDate.of(2026, 1, 2)})).isEqualTo("k=%2E.%2Fx/d=2026-01-02/");
        assertThat(folders.folder(new Object[] {"..", null})).isEqualTo("k=%2E./d=__HIVE_DEFAULT_PARTITION__/");
        assertThat(folders.folder(new Object[] {"", null})).startsWith("k=__HIVE_DEFAULT_PARTITION__/");
        assertThat(folders.folder(new Object[] {"a=b\u0000c", null})).startsWith("k=a%3Db%00c/");
        String escaped = folders.folder(new Object[] {"€".repeat(200), null}).split("/")[0];
        assertThat(escaped).hasSizeLessThanOrEqualTo(PartitionFolders.MAX_SEGMENT).matches("k=(%E2%82%AC)+~[0-9a-f]{16}");
        assertThat(folders.folder(new Object[] {"€".repeat(201), null}).split("/")[0]).isNotEqualTo(escaped);
        String letters = folders.folder(new Object[] {"é".repeat(200), null}).split("/")[0];
        assertThat(letters.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .as("letters stay as they are, counted in bytes").isLessThanOrEqualTo(PartitionFolders.MAX_SEGMENT);
        assertThat(letters).matches("k=é+~[0-9a-f]{16}");
        assertThatThrownBy(() -> PartitionFolders.of(List.of("nope"), schema, "connection_config.partition_by"))
                .hasMessageStartingWith("connection_config.partition_by: column nope is not in t");
    }

    private static void refused(String template, boolean needsPart, String message) {
        assertThatThrownBy(() -> FileNameTemplate.parse(template, needsPart, F)).as(template)
                .isInstanceOf(ConfigError.class).hasMessageStartingWith(F + ": " + message);
    }
}
