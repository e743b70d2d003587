package io.paralleljob.local.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Where in a resource a value sits, written as Kubernetes writes it in error messages:
 * {@code spec.template.env[0].name}. Segments are field names (String) or list indexes (Integer).
 */
public record FieldPath(List<Object> segments) {
    public static final FieldPath ROOT = new FieldPath(List.of());

    public FieldPath {
        segments = List.copyOf(segments);
    }

    public FieldPath field(String name) {
        List<Object> s = new ArrayList<>(segments);
        s.add(name);
        return new FieldPath(s);
    }

    public FieldPath index(int i) {
        List<Object> s = new ArrayList<>(segments);
        s.add(i);
        return new FieldPath(s);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** This path followed by a CEL rule's fieldPath ({@code .spec}, {@code .a.b}, {@code ['key']}). */
    public FieldPath then(String ruleFieldPath) {
        FieldPath p = this;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\.([^.\\[]+)|\\['([^']*)'\\]|\\[(\\d+)\\]")
                .matcher(ruleFieldPath);
        while (m.find()) {
            p = m.group(3) != null ? p.index(Integer.parseInt(m.group(3)))
                    : p.field(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return p;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                b.append(b.length() == 0 ? "" : ".").append(s);
            }
        }
        return b.toString();
    }
}
