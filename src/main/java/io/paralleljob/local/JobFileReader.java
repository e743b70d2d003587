package io.paralleljob.local;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.local.schema.ResourceValidator;
import io.paralleljob.plan.InvalidSpecException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a ParallelJob file as kubectl would take it, strictly: a typo in a field name is an
 * error naming the field, not a silently ignored setting.
 */
public final class JobFileReader {
    private static final ObjectMapper STRICT = YAMLMapper.builder()
            // the same key twice (two parallelism: lines) is a mistake to report, not "the last one wins"
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            // parallelism: 2.5 is a mistake to report, not 2 (the CRD's integer type rejects it too)
            .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);

    private JobFileReader() {
    }

    public static ParallelJob read(Path file) {
        String where = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InvalidSpecException(where, Files.exists(file) ? "is not a regular file" : "no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, where);
        } catch (IOException e) {
            throw new InvalidSpecException(where, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Reads one ParallelJob from a stream ({@code run -}: standard input).
     *
     * @param where what to call the stream in messages ("stdin")
     */
    public static ParallelJob read(InputStream in, String where) {
        List<JsonNode> docs;
        try {
            docs = STRICT.readValues(STRICT.createParser(in), JsonNode.class).readAll().stream()
                    .filter(n -> n != null && !n.isNull() && !n.isMissingNode()).collect(Collectors.toList());
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof java.io.CharConversionException
                    || String.valueOf(e.getOriginalMessage()).contains("CharConversionException")) {
                throw new InvalidSpecException(where, "is not a text (UTF-8) file");
            }
            throw new InvalidSpecException(where, "not valid YAML" + at(e.getLocation()) + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidSpecException(where, "cannot be read: " + e.getMessage());
        }
        if (docs.size() != 1) {
            throw new InvalidSpecException(where, docs.isEmpty() ? "is empty"
                    : "holds " + docs.size() + " YAML documents; give one ParallelJob per file");
        }
        return fromTree(docs.get(0), where);
    }

    static ParallelJob fromTree(JsonNode doc, String where) {
        if (!doc.isObject()) {
            throw new InvalidSpecException(where, "expected a ParallelJob object, found " + doc.getNodeType());
        }
        expect(doc, "apiVersion", ParallelJob.API_VERSION);
        expect(doc, "kind", ParallelJob.KIND);
        // What kubectl apply would refuse is refused here, with the same rules: the CRD's schema and CEL.
        ResourceValidator.packaged().check(doc);
        try {
            // status is the operator's, ignored as the API server ignores it on create; read as far
            // as it can be (a printed job read back keeps its results), never an error
            ObjectNode withoutStatus = ((ObjectNode) doc).deepCopy();
            JsonNode status = withoutStatus.remove("status");
            ParallelJob job = STRICT.treeToValue(withoutStatus, ParallelJob.class);
            job.setStatus(status == null ? null : lenientStatus(status));
            return job;
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidSpecException(path(e), "unknown field (known fields: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "))
                    + ")");
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            String got = e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException bad
                    ? " (got '" + bad.getValue() + "')" : "";
            throw new InvalidSpecException(path(e), "wrong type: expected " + expected(e.getTargetType()) + got);
        } catch (JsonMappingException e) {
            throw new InvalidSpecException(path(e), "wrong type: " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException(where, e.getOriginalMessage());
        }
    }

    private static ParallelJobStatus lenientStatus(JsonNode status) {
        try {
            return STRICT.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .treeToValue(status, ParallelJobStatus.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Jackson's target type in a user's words. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object (key: value)";
    }

    private static void expect(JsonNode doc, String field, String wanted) {
        JsonNode v = doc.get(field);
        if (v == null || !wanted.equals(v.asText())) {
            throw new InvalidSpecException(field, "expected " + wanted + " (got " + (v == null ? "nothing" : "'" + v.asText() + "'") + ")");
        }
    }

    /** spec.template.command[0] from Jackson's path of references. */
    static String path(JsonMappingException e) {
        StringBuilder p = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                p.append(p.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                p.append('[').append(r.getIndex()).append(']');
            }
        }
        return p.length() == 0 ? "(document)" : p.toString();
    }

    private static String at(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 0 ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
