package org.fmnist.examples.cli;

import org.fmnist.augment.Pipeline;
import org.fmnist.examples.report.Previews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code fmnist preview}: what an augmentation spec does, as a PNG grid. */
@Command(name = "preview", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes augmentation-preview.png: one test image per class, the original then augmented versions.")
final class PreviewCommand implements Callable<Integer> {

    /** File name of the preview in the output directory. */
    static final String PREVIEW_PNG = "augmentation-preview.png";


    @ParentCommand
    FmnistCommand root;

    @Option(names = "--augment", paramLabel = "SPEC", defaultValue = Pipeline.DEFAULT_SPEC,
            description = "Augmentation spec (default: ${DEFAULT-VALUE}).")
    String augment;

    @Option(names = "--variants", paramLabel = "N", defaultValue = "8",
            description = "Augmented versions per image, 1 to 32 (default: ${DEFAULT-VALUE}).")
    int variants;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/preview-TIME).")
    Path out;

    @Mixin
    Options.Data data;

    @Override
    public Integer call() throws Exception {
        Pipeline pipeline = Options.augmentation(augment);
        Options.require(!pipeline.steps().isEmpty(), "--augment: nothing to preview in '" + augment + "'");
        Options.require(variants >= 1 && variants <= 32, "--variants must be in [1, 32], was " + variants);
        Path dir = Options.outputDirectory(out, "preview");
        Path png = dir.resolve(PREVIEW_PNG);
        Previews.write(data.load(), pipeline, variants, seed, png);
        root.out.println(png);
        return 0;
    }
}
