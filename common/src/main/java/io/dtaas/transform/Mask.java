package io.dtaas.transform;

import io.dtaas.data.TableSchema;

/**
 * {@code mask}: hides a column's text but its last {@code keep_last} characters behind {@code mask_char}. With
 * {@code digits_only}, only digits are hidden (and the last digits kept), so separators stay readable:
 * {@code 4111-1111-1111-1234} becomes {@code ****-****-****-1234}.
 */
record Mask(String column, int keepLast, int maskChar, boolean digitsOnly) implements Transformation {

    static Mask from(ConfigReader r) {
        String column = r.name("column");
        int keep = r.integer("keep_last", 4, 0, 1000);
        String ch = r.string("mask_char", "*");
        if (ch != null && ch.codePointCount(0, ch.length()) != 1) {
            r.problem("mask_char", "must be a single character");
        }
        return new Mask(column, keep, ch == null ? '*' : ch.codePointAt(0), r.bool("digits_only", false));
    }

    @Override
    public TransformationType type() {
        return TransformationType.MASK;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        return TextColumn.bind(input, column, "mask", this::mask);
    }

    String mask(String s) {
        int[] cps = s.codePoints().toArray();
        int maskable = 0;
        for (int cp : cps) {
            if (!digitsOnly || Character.isDigit(cp)) {
                maskable++;
            }
        }
        int toMask = Math.max(0, maskable - keepLast);
        StringBuilder out = new StringBuilder(s.length());
        for (int cp : cps) {
            boolean candidate = !digitsOnly || Character.isDigit(cp);
            if (candidate && toMask > 0) {
                out.appendCodePoint(maskChar);
                toMask--;
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }
}
