package org.fmnist.examples.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes files so that a reader, or a run interrupted half-way, never sees a partial file: the content
 * goes to a temporary file in the same directory, which is then moved over the target in one step.
 */
public final class AtomicFiles {

    /** Writes a file's content given a path to write it to (the temporary file). */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the complete content to {@code path}, which does not exist yet or may be overwritten.
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
     * @throws IOException if the content cannot be written or moved; {@code target} is then unchanged
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = createTemporary(dir, absolute.getFileName().toString());
        try {
            // Files.createFile gives the permissions the user's umask asks for; a writer that replaces
            // the file (or createTempFile's owner-only mode) must not change what the target gets.
            Set<PosixFilePermission> permissions = posixPermissions(temp);
            writer.writeTo(temp);
            if (permissions != null) {
                Files.setPosixFilePermissions(temp, permissions);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path createTemporary(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + name + "." + Long.toHexString(System.nanoTime()) + attempt + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    private static Set<PosixFilePermission> posixPermissions(Path file) throws IOException {
        return Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)
                ? Files.getPosixFilePermissions(file) : null;
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
}
