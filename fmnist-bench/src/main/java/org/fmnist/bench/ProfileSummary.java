package org.fmnist.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where libtorch's training steps went, from its profiler's trace (Chrome trace format, as
 * {@code JniUtils.stopProfile} writes it): the time of each top-level operation (one not inside another on the
 * same thread), summed by name. Forward operations keep their {@code aten::} names, backward ones are autograd's
 * {@code evaluate_function: <Op>Backward0}, and the optimizer's in-place updates ({@code aten::mul_},
 * {@code aten::addcmul_}, ...) come after them.
 */
final class ProfileSummary {

    private ProfileSummary() {
    }

    /**
     * Microseconds per operation name, largest first.
     *
     * @param trace the trace file
     * @return name to total microseconds of its top-level events
     * @throws IOException if the file cannot be read or is not a trace
     */
    static Map<String, Double> topLevelMicros(Path trace) throws IOException {
        JsonElement root;
        try (Reader in = Files.newBufferedReader(trace)) {
            root = JsonParser.parseReader(in);
        } catch (RuntimeException e) {
            throw new IOException(trace + ": not a profiler trace: " + e.getMessage(), e);
        }
        var events = root.isJsonObject() ? root.getAsJsonObject().getAsJsonArray("traceEvents") : root.getAsJsonArray();
        if (events == null) {
            throw new IOException(trace + ": no traceEvents");
        }
        Map<String, List<JsonObject>> byThread = new HashMap<>();
        for (JsonElement e : events) {
            JsonObject event = e.getAsJsonObject();
            if (event.has("ph") && event.get("ph").getAsString().equals("X") && event.has("dur")) {
                byThread.computeIfAbsent(event.get("tid").getAsString(), t -> new ArrayList<>()).add(event);
            }
        }
        Map<String, Double> micros = new HashMap<>();
        for (List<JsonObject> thread : byThread.values()) {
            thread.sort(Comparator.<JsonObject>comparingDouble(e -> e.get("ts").getAsDouble())
                    .thenComparing(e -> -e.get("dur").getAsDouble()));
            double end = Double.NEGATIVE_INFINITY;
            for (JsonObject event : thread) {
                double ts = event.get("ts").getAsDouble();
                double dur = event.get("dur").getAsDouble();
                if (ts >= end) {
                    micros.merge(event.get("name").getAsString(), dur, Double::sum);
                    end = ts + dur;
                }
            }
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        micros.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
