package io.playball.it.support;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.util.Map;

/** Builds request bodies and reads response bodies with JSON-P, as a client would. */
public final class Json {

    private Json() {
    }

    public static JsonObject parse(String text) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    public static java.util.List<JsonObject> parseArray(String text) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readArray().getValuesAs(JsonObject.class);
        }
    }

    public static String object(Map<String, ?> fields) {
        JsonObjectBuilder b = jakarta.json.Json.createObjectBuilder();
        fields.forEach((k, v) -> {
            if (v == null) {
                b.addNull(k);
            } else if (v instanceof Number n) {
                b.add(k, n.longValue());
            } else {
                b.add(k, v.toString());
            }
        });
        return b.build().toString();
    }
}
