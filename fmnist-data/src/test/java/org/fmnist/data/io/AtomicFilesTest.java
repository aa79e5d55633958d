package org.fmnist.data.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFilesTest {

    @Test
    void replacesTheWholeFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("sub/out.txt");
        AtomicFiles.writeString(target, "a much longer first version");
        AtomicFiles.writeString(target, "second");
        assertEquals("second", Files.readString(target));
    }

    @Test
    void theTargetGetsTheUsualPermissionsNotOwnerOnly(@TempDir Path dir) throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path target = dir.resolve("out.bin");
        // A writer that replaces the file with an owner-only temporary file, as model writers do.
        AtomicFiles.write(target, temp -> {
            Path other = Files.createTempFile(dir, "x", ".tmp");
            Files.writeString(other, "content");
            Files.move(other, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        });
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.txt");
        AtomicFiles.writeString(target, "kept");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, temp -> {
            Files.writeString(temp, "half");
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("kept", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void removeLeftoversDeletesOnlyTemporaryFiles(@TempDir Path dir) throws IOException {
        AtomicFiles.writeString(dir.resolve("kept.txt"), "kept");
        Files.writeString(dir.resolve(".kept.txt.1a2b0.tmp"), "from a killed process");
        Files.writeString(dir.resolve("notes.tmp"), "a user's own file, not hidden");
        assertEquals(1, AtomicFiles.removeLeftovers(dir));
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of("kept.txt", "notes.tmp"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }
}
