package org.fmnist.examples.cli;

import org.fmnist.data.DatasetDownloader;
import org.fmnist.data.DatasetException;
import org.fmnist.data.DatasetFile;
import org.fmnist.data.DatasetLocation;
import org.fmnist.data.DatasetLocator;
import org.fmnist.data.FashionMnist;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code fmnist data}: where the dataset is, whether it is the published one, and a download if needed. */
@Command(name = "data", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Finds Fashion-MNIST, verifies every file against the published SHA-256, and downloads it "
                + "into the cache if no place has it.",
                "Search order: --data-dir, $FMNIST_HOME, the cache (~/.cache/fmnist), "
                        + "/usr/share/datasets/fashion-mnist (Debian: apt-get install dataset-fashion-mnist)."})
final class DataCommand implements Callable<Integer> {

    @ParentCommand
    FmnistCommand root;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Look only in this directory.")
    Path dataDir;

    @Option(names = "--no-download", description = "Only look; do not download.")
    boolean noDownload;

    @Override
    public Integer call() throws Exception {
        DatasetLocator.Builder builder = DatasetLocator.builder();
        if (dataDir != null) {
            builder.optDirectory(dataDir);
        }
        if (!noDownload) {
            builder.optDownloader(DatasetDownloader.standard());
        }
        DatasetLocator locator = builder.build();
        DatasetLocation location;
        try {
            Optional<DatasetLocation> found = locator.find();
            if (found.isEmpty() && !noDownload) {
                root.err.println("not found locally; downloading into " + locator.cacheDirectory());
            }
            location = found.isPresent() ? found.get() : locator.locate();
        } catch (DatasetException e) {
            throw new UserException(e.getMessage(), e);
        }
        FashionMnist data;
        try {
            data = FashionMnist.load(location);
        } catch (DatasetException e) {
            throw new UserException(e.getMessage(), e);
        }
        root.out.println("found:    " + location.directory() + " (" + location.source().name().toLowerCase() + ")");
        root.out.println("images:   " + data.train().size() + " training, " + data.test().size() + " test");
        for (Map.Entry<DatasetFile, FashionMnist.FileCheck> e : data.fileChecks().entrySet()) {
            boolean ok = e.getValue().sha256().equals(e.getKey().sha256());
            root.out.println((ok ? "verified: " : "DIFFERS:  ") + e.getValue().path() + "  sha256 " + e.getValue().sha256());
        }
        root.out.println(data.isVerified() ? "status:   the published Fashion-MNIST, byte for byte"
                : "status:   NOT the published Fashion-MNIST (used as your own data)");
        return data.isVerified() ? 0 : Main.EXIT_ERROR;
    }
}
