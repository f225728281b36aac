package io.dtaas.connect.files;

import io.dtaas.connect.objectstore.StagedObject;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;

/**
 * A file staged next to its target and renamed over it on publish (see {@link LocalDirectorySink}). It holds its
 * folder open: the rename and the clean-up happen in that very directory, whatever its path leads to by then.
 */
final class LocalStagedFile implements StagedObject {

    private static final int BUFFER = 64 * 1024;

    private final String key;
    private final String target;
    private final SecureDirectoryStream<Path> folder;
    private final Path name;
    private final Path staging;
    private final FileChannel channel;
    private final Output output;
    private boolean published;
    private boolean discarded;

    /** Takes over {@code folder} and {@code channel} (closed with this object). */
    LocalStagedFile(String key, String target, SecureDirectoryStream<Path> folder, String name, String staging,
                    FileChannel channel) {
        this.key = key;
        this.target = target;
        this.folder = folder;
        this.name = Path.of(name);
        this.staging = Path.of(staging);
        this.channel = channel;
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
            // renameat(2) within the open folder replaces an existing target atomically
            folder.move(staging, folder, name);
            published = true;
        } catch (IOException e) {
            throw LocalDirectorySink.failure("cannot publish " + target, e); // close() removes the staging file
        }
        closeFolder();
    }

    @Override
    public void close() {
        if (published || discarded) {
            return;
        }
        discarded = true;
        try {
            channel.close();
            folder.deleteFile(staging);
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            // Invisible to readers (hidden name) and removed when the chunk is written again.
        } finally {
            closeFolder();
        }
    }

    private void closeFolder() {
        try {
            folder.close();
        } catch (IOException e) {
            // a directory handle: nothing was buffered in it
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
