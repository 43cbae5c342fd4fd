package dev.sweeper.audit;

import dev.sweeper.core.AuditStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit log as JSON lines in a file: each line written whole and forced to disk before the action goes on. */
public final class FileAuditStore implements AuditStore {
    private final Path file;
    private FileChannel channel;

    private FileAuditStore(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (creating the directories) for appending; throws IOException when it cannot. */
    public static FileAuditStore open(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        return new FileAuditStore(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND));
    }

    /** For reading only: nothing is created. */
    public static FileAuditStore reading(Path file) {
        return new FileAuditStore(file, null);
    }

    @Override
    public synchronized void append(String record, Instant at) {
        if (channel == null) {
            throw new IllegalStateException("the audit log " + file + " is open for reading only");
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap((record + "\n").getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log: " + e.getMessage(), e);
        }
    }

    /** Every line of the file (the file keeps no separate time: {@code since}/{@code until} are left to the reader). */
    @Override
    public List<String> read(Instant since, Instant until) {
        if (!Files.isRegularFile(file)) {
            return new ArrayList<>();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String where() {
        return file.toString();
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the records are forced already
            }
            channel = null;
        }
    }
}
