package io.dtaas.connect.files;

import io.dtaas.connect.objectstore.StagedObject;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** A file staged next to its target and moved over it on publish (see {@link LocalDirectorySink}). */
final class LocalStagedFile implements StagedObject {

    private static final int BUFFER = 64 * 1024;

    private final String key;
    private final Path target;
    private final Path staging;
    private final FileChannel channel;
    private final Output output;
    private boolean published;
    private boolean discarded;

    LocalStagedFile(String key, Path target, Path staging) throws IOException {
        this.key = key;
        this.target = target;
        this.staging = staging;
        this.channel = FileChannel.open(staging, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        this.output = new Output(new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER));
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void publish() {
        if (!output.ended) {
            throw new IllegalStateException("the content of " + target + " was not closed before publishing");
        }
        if (discarded || published) {
            throw new IllegalStateException(target + " was already " + (published ? "published" : "discarded"));
        }
        try {
            // ATOMIC_MOVE replaces an existing target atomically on POSIX file systems (rename(2)).
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            published = true;
        } catch (IOException e) {
            throw LocalDirectorySink.failure("cannot publish " + target, e);
        }
    }

    @Override
    public void close() {
        if (published || discarded) {
            return;
        }
        discarded = true;
        try {
            channel.close();
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            // Invisible to readers (hidden name) and removed when the chunk is written again.
        }
    }

    /** Ends the content by flushing it to disk; writes after a discard go nowhere. */
    private final class Output extends OutputStream {

        private final OutputStream out;
        private boolean ended;

        Output(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (!discarded) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!discarded) {
                out.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!discarded) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (ended || discarded) {
                return;
            }
            out.flush();
            channel.force(true);
            out.close();
            // Only content that reached the disk counts as ended: a failed close cannot be published.
            ended = true;
        }
    }
}
