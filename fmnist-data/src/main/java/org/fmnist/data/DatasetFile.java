package org.fmnist.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The four files of Fashion-MNIST, with the size and SHA-256 of their decompressed content. Compressed files
 * differ between mirrors; the decompressed bytes do not, so those are what is verified.
 */
public enum DatasetFile {
    TRAIN_IMAGES("train-images-idx3-ubyte", 47_040_016L,
            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
    TRAIN_LABELS("train-labels-idx1-ubyte", 60_008L,
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
    TEST_IMAGES("t10k-images-idx3-ubyte", 7_840_016L,
            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
    TEST_LABELS("t10k-labels-idx1-ubyte", 10_008L,
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    private final String baseName;
    private final long size;
    private final String sha256;

    DatasetFile(String baseName, long size, String sha256) {
        this.baseName = baseName;
        this.size = size;
        this.sha256 = sha256;
    }

    /** The file name without compression suffix, for example {@code train-images-idx3-ubyte}. */
    public String baseName() {
        return baseName;
    }

    /** The gzipped file name, as the dataset is published: {@code baseName() + ".gz"}. */
    public String gzipName() {
        return baseName + ".gz";
    }

    /** Size of the published decompressed file in bytes. */
    public long size() {
        return size;
    }

    /** Lower-case hex SHA-256 of the published decompressed file. */
    public String sha256() {
        return sha256;
    }

    /** True for the two image files, false for the label files. */
    public boolean isImages() {
        return this == TRAIN_IMAGES || this == TEST_IMAGES;
    }

    /**
     * Finds this file in a directory, gzipped ({@link #gzipName()}) or not ({@link #baseName()}); the gzipped
     * one wins when both are there.
     *
     * @param directory where to look
     * @return the path of the regular file, or empty if neither name is a regular file there
     */
    public Optional<Path> findIn(Path directory) {
        for (String name : new String[] {gzipName(), baseName}) {
            Path candidate = directory.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
