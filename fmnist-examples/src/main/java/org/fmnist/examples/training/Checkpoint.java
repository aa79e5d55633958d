package org.fmnist.examples.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fmnist.data.io.AtomicFiles;
import org.fmnist.examples.report.EpochMetrics;
import org.fmnist.examples.report.Json;
import org.fmnist.models.ModelSpec;
import org.fmnist.models.SavedModel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The state of a run after its last completed epoch, in one file: the network with its updater state
 * and specification (an {@code fmnist-models} archive) plus an entry with the epoch count, the metrics
 * so far and the early-stopping bookkeeping. Written atomically, so an interrupted run always leaves
 * the previous complete checkpoint or the new one.
 *
 * @param spec    the specification the run trains
 * @param network the network after {@code state.epoch()} epochs
 * @param state   the bookkeeping
 */
public record Checkpoint(ModelSpec spec, MultiLayerNetwork network, State state) {

    /** File name of the checkpoint in a run's output directory. */
    public static final String FILE = "checkpoint.zip";
    /** Name of the bookkeeping entry inside the archive. */
    public static final String STATE_ENTRY = "fmnist-checkpoint.json";

    /**
     * The bookkeeping of a run.
     *
     * @param epoch      epochs completed, at least 1
     * @param metrics    the metrics of those epochs, in order
     * @param bestEpoch  the epoch with the best validation accuracy so far
     * @param bestModel  file name (in the run's directory) of that epoch's weights, or empty when the run
     *                   does not keep its best model
     */
    public record State(int epoch, List<EpochMetrics> metrics, int bestEpoch, String bestModel) {

        /** Validates the fields. */
        public State {
            metrics = List.copyOf(metrics);
            if (epoch < 1 || metrics.size() != epoch) {
                throw new IllegalArgumentException("epoch must be at least 1 and match the " + metrics.size()
                        + " epochs of metrics, was " + epoch);
            }
            if (bestEpoch < 1 || bestEpoch > epoch) {
                throw new IllegalArgumentException("bestEpoch must be in [1, " + epoch + "], was " + bestEpoch);
            }
            bestModel = bestModel == null ? "" : bestModel;
        }
    }

    /**
     * Writes the checkpoint atomically.
     *
     * @param file the file to create or replace
     * @throws IOException if it cannot be written; the previous file is then left as it was
     */
    public void write(Path file) throws IOException {
        String json = Json.mapper().writeValueAsString(state);
        AtomicFiles.write(file, temp -> {
            new SavedModel(spec, network).save(temp, true);
            try (FileSystem zip = FileSystems.newFileSystem(temp)) {
                Files.writeString(zip.getPath(STATE_ENTRY), json, StandardCharsets.UTF_8);
            }
        });
    }

    /**
     * Reads a checkpoint written by {@link #write}.
     *
     * @param file the checkpoint
     * @return the specification, the network with its updater state, and the bookkeeping
     * @throws IOException if it cannot be read or is not a checkpoint
     */
    public static Checkpoint read(Path file) throws IOException {
        State state;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(STATE_ENTRY);
            if (entry == null) {
                throw new IOException(file + " has no " + STATE_ENTRY + " entry: not a training checkpoint");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                state = Json.mapper().readValue(new String(in.readAllBytes(), StandardCharsets.UTF_8), State.class);
            }
        }
        SavedModel saved = SavedModel.load(file);
        return new Checkpoint(saved.spec(), saved.network(), state);
    }
}
