package org.fmnist.data;

import static org.fmnist.data.testing.IdxFixtures.writeDataset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search order: explicit, FMNIST_HOME, cache, system directory, download. */
class DatasetLocatorTest {

    @TempDir
    Path tmp;

    private DatasetLocator.Builder locator(Map<String, String> env) {
        return DatasetLocator.builder().optEnvironment(env).optCacheDirectory(tmp.resolve("cache"))
                .optSystemDirectory(tmp.resolve("system")).optDownloader(null);
    }

    @Test
    void eachPlaceIsUsedWhenTheEarlierOnesAreEmpty() throws Exception {
        Path explicit = writeDataset(tmp.resolve("explicit"), 1, 1);
        Path home = writeDataset(tmp.resolve("home"), 1, 1);
        Path cache = writeDataset(tmp.resolve("cache"), 1, 1);
        Path system = writeDataset(tmp.resolve("system"), 1, 1);
        Map<String, String> env = Map.of("FMNIST_HOME", home.toString());

        assertEquals(new DatasetLocation(explicit, DatasetSource.EXPLICIT),
                locator(env).optDirectory(explicit).build().locate());
        assertEquals(new DatasetLocation(home, DatasetSource.ENVIRONMENT), locator(env).build().locate());
        assertEquals(new DatasetLocation(cache, DatasetSource.CACHE), locator(Map.of()).build().locate());
        deleteTree(cache);
        assertEquals(new DatasetLocation(system, DatasetSource.SYSTEM), locator(Map.of()).build().locate());
        deleteTree(system);
        assertEquals(Optional.empty(), locator(Map.of()).build().find());
    }

    @Test
    void aNamedDirectoryWithoutTheFilesIsAnErrorNotAFallThrough() throws Exception {
        writeDataset(tmp.resolve("cache"), 1, 1);
        Path partial = writeDataset(tmp.resolve("partial"), 1, 1);
        Files.delete(partial.resolve("t10k-labels-idx1-ubyte.gz"));
        DatasetException e = assertThrows(DatasetException.class,
                () -> locator(Map.of()).optDirectory(partial).build().locate());
        assertEquals(partial + ": the directory given lacks t10k-labels-idx1-ubyte.gz (gzipped or not)", e.getMessage());

        Path nowhere = tmp.resolve("nowhere");
        e = assertThrows(DatasetException.class,
                () -> locator(Map.of("FMNIST_HOME", nowhere.toString())).build().locate());
        assertEquals(nowhere + ": the directory in FMNIST_HOME does not exist or is not a directory", e.getMessage());
    }

    @Test
    void nothingFoundAndNoDownloadSaysHowToInstall() {
        DatasetException e = assertThrows(DatasetException.class, () -> locator(Map.of()).build().locate());
        assertEquals("Fashion-MNIST not found in " + tmp.resolve("cache") + " or " + tmp.resolve("system")
                + " and downloading is off; install it with 'apt-get install dataset-fashion-mnist', set FMNIST_HOME"
                + " or pass a directory", e.getMessage());
    }

    @Test
    void cacheDirectoryFollowsXdg() {
        assertEquals(Path.of("/x/cache/fmnist"), DatasetLocator.defaultCacheDirectory(Map.of("XDG_CACHE_HOME", "/x/cache")));
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "fmnist"),
                DatasetLocator.defaultCacheDirectory(Map.of()));
    }

    static void deleteTree(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
