package org.fmnist.examples.report;

import org.nd4j.shade.jackson.databind.DeserializationFeature;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * The JSON mapper for the files this module writes: Jackson as shipped (shaded) with ND4J, the same
 * one DL4J writes its network configurations with, so no second Jackson version is on the classpath.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    /** A shared, thread-safe mapper: records in and out, indented output, unknown fields ignored. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
