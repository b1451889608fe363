package io.playball.platform.api;

import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;

/**
 * The JSON-B the API reads bodies with. JSON-B would turn {@code "password": 123456789012} into the text
 * "123456789012"; here a string field accepts only a JSON string, so a wrong type is a 400, not a silent conversion.
 */
@Provider
public class StrictJsonb implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = create();

    /** A new one, as the API reads bodies (for tests of a service's request types too). */
    public static Jsonb create() {
        return JsonbBuilder.create(new JsonbConfig().withDeserializers(new StrictStringDeserializer()));
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }

    static final class StrictStringDeserializer implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (value.getValueType() != JsonValue.ValueType.STRING) {
                throw new JsonbException("Expected a JSON string but found " + value.getValueType());
            }
            return ((jakarta.json.JsonString) value).getString();
        }
    }
}
