package io.paralleljob.aggregate;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.paralleljob.model.ReportLine;
import java.nio.charset.StandardCharsets;

/**
 * How many bytes a value takes as the API server stores it: its JSON, escaped the way Go's
 * encoding/json escapes (the API server's): besides what JSON itself escapes (quotes,
 * backslashes, control characters, as Jackson does too), {@code < > &} become {@code \u003c}
 * and U+2028/U+2029 {@code \u2028}: six bytes each. Output full of HTML would otherwise be
 * counted at a sixth of its stored size.
 */
public final class JsonSize {
    private JsonSize() {
    }

    public static long of(Object value) {
        String json;
        try {
            json = ReportLine.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        long extra = 0;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '<' || c == '>' || c == '&') {
                extra += 5; // 1 byte as Jackson writes it, 6 as Go does
            } else if (c == '\u2028' || c == '\u2029') {
                extra += 3; // 3 bytes of UTF-8, 6 escaped
            }
        }
        return json.getBytes(StandardCharsets.UTF_8).length + extra;
    }
}
