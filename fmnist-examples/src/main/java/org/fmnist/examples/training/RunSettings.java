package org.fmnist.examples.training;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fmnist.examples.report.Json;
import org.fmnist.models.ModelSpec;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * What a run was started with, stored in its directory as {@value TrainingRun#SETTINGS}: a run continues, and a
 * finished run is reused, only with the same settings.
 *
 * @param spec             the model specification, as {@link ModelSpec#toJson()} writes it
 * @param trainImages      training images, 0 for the whole split
 * @param validationImages validation images, 0 for the whole split
 * @param testImages       test images, 0 for the whole split
 * @param trainSample      trained images the per-epoch training figures are measured on
 */
public record RunSettings(JsonNode spec, int trainImages, int validationImages, int testImages, int trainSample) {

    static RunSettings of(ModelSpec spec, int trainImages, int validationImages, int testImages, int trainSample)
            throws IOException {
        return new RunSettings(Json.mapper().readTree(spec.toJson()), trainImages, validationImages, testImages,
                trainSample);
    }

    /** The settings that differ between this and {@code other}, for example {@code "spec.epochs 10 -> 15"}. */
    String differences(RunSettings other) {
        List<String> differences = new ArrayList<>();
        spec.fields().forEachRemaining(field -> {
            JsonNode theirs = other.spec.get(field.getKey());
            if (!field.getValue().equals(theirs)) {
                differences.add(field.getKey() + " " + field.getValue() + " -> " + theirs);
            }
        });
        add(differences, "train images", trainImages, other.trainImages);
        add(differences, "validation images", validationImages, other.validationImages);
        add(differences, "test images", testImages, other.testImages);
        add(differences, "training sample", trainSample, other.trainSample);
        return String.join(", ", differences);
    }

    private static void add(List<String> differences, String what, int mine, int theirs) {
        if (mine != theirs) {
            differences.add(what + " " + mine + " -> " + theirs);
        }
    }
}
