package org.fmnist.data.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes files so that a reader, a crash or a run interrupted half-way never sees a partial file: the content goes
 * to a temporary file in the same directory, is forced to disk, and is then moved over the target in one step.
 * The target gets the permissions the user's umask gives a new file, whatever the writer did to the temporary one.
 * Every module that writes a result (the dataset download, previews, models, metrics, reports) writes through here.
 */
public final class AtomicFiles {

    /** Temporary files are named {@code .<target name>.<unique>.tmp}, hidden and never a real file's name. */
    private static final String TEMPORARY_SUFFIX = ".tmp";

    /** Writes a file's content given a path to write it to (the temporary file). */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the complete content to {@code path}, an empty file that may also be replaced.
         *
         * @param path the temporary file to write
         * @throws IOException if writing fails; the target is then left as it was
         */
        void writeTo(Path path) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with what {@code writer} writes, atomically where the file system allows.
     *
     * @param target the file to create or replace; its parent directory is created if missing
     * @param writer writes the full content to a temporary sibling of {@code target}
     * @throws IOException if the content cannot be written or moved; {@code target} is then unchanged and no
     *                     temporary file is left
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = createTemporary(dir, absolute.getFileName().toString());
        try {
            // Files.createFile gives the permissions the user's umask asks for; a writer that replaces the file
            // (libraries that write through their own owner-only temporary file do) must not change them.
            Set<PosixFilePermission> permissions = posixPermissions(temp);
            writer.writeTo(temp);
            if (permissions != null) {
                Files.setPosixFilePermissions(temp, permissions);
            }
            force(temp);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Replaces {@code target} with the given text in UTF-8, atomically.
     *
     * @param target the file to create or replace
     * @param text   the complete new content
     * @throws IOException if it cannot be written; {@code target} is then unchanged
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, temp -> Files.writeString(temp, text, StandardCharsets.UTF_8));
    }

    /**
     * Replaces {@code target} with the given bytes, atomically.
     *
     * @param target the file to create or replace
     * @param bytes  the complete new content
     * @throws IOException if it cannot be written; {@code target} is then unchanged
     */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, temp -> Files.write(temp, bytes));
    }

    /**
     * Deletes the temporary files that a process killed in the middle of {@link #write} left in {@code dir}
     * (a clean failure removes its own). Only for directories that one process writes at a time: another
     * writer's file in progress would go too.
     *
     * @param dir the directory
     * @return how many were deleted
     * @throws IOException if the directory cannot be listed or a leftover cannot be deleted
     */
    public static int removeLeftovers(Path dir) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, ".*" + TEMPORARY_SUFFIX)) {
            for (Path leftover : leftovers) {
                if (Files.deleteIfExists(leftover)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private static Path createTemporary(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + name + "." + Long.toHexString(System.nanoTime()) + attempt
                    + TEMPORARY_SUFFIX);
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** The content on disk before the rename makes it visible, so that a crash cannot leave an empty target. */
    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static Set<PosixFilePermission> posixPermissions(Path file) throws IOException {
        return Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)
                ? Files.getPosixFilePermissions(file) : null;
    }
}
