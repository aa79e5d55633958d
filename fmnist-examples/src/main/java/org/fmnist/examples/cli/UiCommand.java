package org.fmnist.examples.cli;

import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.fmnist.examples.training.StopSignal;
import org.fmnist.examples.ui.Dashboard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code fmnist ui}: the dashboard over saved statistics of finished runs. */
@Command(name = "ui", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serves DL4J's training dashboard over the statistics saved by 'train --ui' or 'compare --ui' "
                + "(stats.dl4j), until Ctrl-C.")
final class UiCommand implements Callable<Integer> {

    @ParentCommand
    FmnistCommand root;

    @Option(names = "--stats", paramLabel = "FILE|DIR", split = ",", defaultValue = "runs",
            description = "Statistics files, or directories searched for " + LiveDashboard.STATS_FILE
                    + " (default: ${DEFAULT-VALUE}).")
    List<Path> stats;

    @Mixin
    Options.Ui ui;

    @Override
    public Integer call() throws Exception {
        List<Path> files = new ArrayList<>();
        for (Path p : stats) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> found = Files.walk(p)) {
                    found.filter(f -> f.getFileName().toString().equals(LiveDashboard.STATS_FILE)).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new UserException("--stats: " + p + " does not exist");
            }
        }
        Options.require(!files.isEmpty(), "--stats: no " + LiveDashboard.STATS_FILE + " found in " + stats
                + "; train with --ui to record one");
        List<FileStatsStorage> storages = new ArrayList<>();
        StopSignal stop = StopSignal.onInterrupt(root.err);
        stop.setFirstPressMessage("dashboard stopped");
        try (Dashboard dashboard = ui.start()) {
            for (Path file : files) {
                FileStatsStorage storage;
                try {
                    storage = new FileStatsStorage(file.toFile());
                } catch (RuntimeException e) {
                    throw new UserException("--stats: " + file + " is not a DL4J statistics file (" + Main.describe(e) + ")", e);
                }
                storages.add(storage);
                dashboard.attach(storage);
                for (String session : storage.listSessionIDs()) {
                    root.out.println(dashboard.sessionUri(session) + "  (" + file + ")");
                }
            }
            root.err.println("dashboard at " + dashboard.sessionsUri() + " (Ctrl-C to stop)");
            stop.await();
        } finally {
            for (FileStatsStorage storage : storages) {
                storage.close();
            }
        }
        return 0;
    }
}
