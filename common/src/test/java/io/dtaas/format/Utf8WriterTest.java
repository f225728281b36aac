package io.dtaas.format;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Utf8Writer writes the bytes OutputStreamWriter (UTF-8) writes, across buffer boundaries and for any text. */
class Utf8WriterTest {

    private static final String[] PIECES = {"a", "plain ascii", ",", "\"", "\r\n", "é", "日本語", "😀", "x😀y",
            "\uD800", "\uDC00", "a\uD800b", "\u0000", "\u007f", "\u0080", "\u07ff", "\u0800", "\uffff", ""};

    @Test
    void writesWhatOutputStreamWriterWrites() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = random.nextInt(6); k >= 0; k--) {
                s.append(PIECES[random.nextInt(PIECES.length)]);
            }
            texts.add(s.toString());
        }
        texts.add("y".repeat(100)); // longer than the small buffer below
        texts.add("ü".repeat(100));
        for (int buffer : new int[]{16, 64 * 1024}) {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            try (Writer reference = new OutputStreamWriter(expected, StandardCharsets.UTF_8);
                 Writer ours = new Utf8Writer(actual, buffer)) {
                for (String t : texts) {
                    reference.write(t);
                    ours.write(t);
                    reference.write(',');
                    ours.write(',');
                    reference.write(t, 0, t.length() / 2);
                    ours.write(t, 0, t.length() / 2);
                    reference.write('é');
                    ours.write('é');
                }
            }
            assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
        }
    }
}
