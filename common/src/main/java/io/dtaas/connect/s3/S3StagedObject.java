package io.dtaas.connect.s3;

import io.dtaas.connect.jdbc.ServerFields;
import io.dtaas.connect.objectstore.StagedObject;
import io.dtaas.error.ConfigError;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One object streamed to S3 (see {@link S3ObjectSink}): a part buffer that grows up to the part size; each
 * full buffer becomes one part of a multipart upload started on the first; at the end of the content a
 * small object is held for a single PutObject (within the sink's {@link SmallObjectBudget}), a large one
 * uploads its last part. Publish sends or completes; close without publish aborts the upload.
 */
final class S3StagedObject implements StagedObject {

    private static final int MAX_PARTS = 10_000;
    private static final int FIRST_BUFFER = 64 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final int partSize;
    private final SmallObjectBudget budget;
    private final Output output = new Output();
    private final byte[] oneByte = new byte[1];
    private final List<CompletedPart> parts = new ArrayList<>();
    private byte[] buffer;
    private int length;
    private String uploadId;
    private long heldBytes;
    private boolean ended;
    private boolean published;
    private boolean discarded;

    S3StagedObject(S3Client s3, String bucket, String key, int partSize, SmallObjectBudget budget) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.partSize = partSize;
        this.budget = budget;
        this.buffer = new byte[Math.min(FIRST_BUFFER, partSize)];
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
        if (!ended) {
            throw new IllegalStateException("the content of " + address() + " was not closed before publishing");
        }
        if (published || discarded) {
            throw new IllegalStateException(address() + " was already " + (published ? "published" : "discarded"));
        }
        try {
            if (uploadId == null) {
                s3.putObject(r -> r.bucket(bucket).key(key).contentLength((long) length), body());
            } else {
                s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            }
        } catch (SdkException e) {
            throw S3Errors.translate("publishing " + address(), e);
        }
        published = true;
        releaseBuffer();
    }

    /** Aborts the multipart upload, if one started; a failed abort is left to the bucket's lifecycle rule. */
    @Override
    public void close() {
        if (published || discarded) {
            return;
        }
        discarded = true;
        releaseBuffer();
        if (uploadId != null) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException e) {
                // Invisible either way: an incomplete upload is never listed or read.
            }
        }
    }

    private void append(byte[] bytes, int offset, int count) {
        int off = offset;
        int left = count;
        while (left > 0) {
            if (length == buffer.length && length < partSize) {
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, partSize));
            }
            int n = Math.min(left, buffer.length - length);
            System.arraycopy(bytes, off, buffer, length, n);
            length += n;
            off += n;
            left -= n;
            if (length == partSize) {
                uploadPart();
            }
        }
    }

    /** Only content that was fully held or uploaded counts as ended: a failed end cannot be published. */
    private void endContent() {
        if (uploadId == null && budget.tryHold(length)) {
            heldBytes = length;
            buffer = Arrays.copyOf(buffer, length);
        } else {
            if (uploadId == null || length > 0) {
                uploadPart();
            }
            buffer = null;
        }
        ended = true;
    }

    private void uploadPart() {
        if (parts.size() == MAX_PARTS) {
            throw new ConfigError(ServerFields.PATH + ".max_rows_per_file", address() + " would exceed S3's "
                    + MAX_PARTS + " parts of " + partSize + " bytes: set fewer rows per file");
        }
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
            }
            int number = parts.size() + 1;
            String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                    .contentLength((long) length), body()).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        } catch (SdkException e) {
            throw S3Errors.translate("uploading part " + (parts.size() + 1) + " of " + address(), e);
        }
        length = 0;
    }

    /** The buffer's content without copying it; the stream can be re-read if the SDK retries. */
    private RequestBody body() {
        return RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, length), length);
    }

    private void releaseBuffer() {
        budget.release(heldBytes);
        heldBytes = 0;
        buffer = null;
    }

    private String address() {
        return "s3://" + bucket + "/" + key;
    }

    /** Writes go to the part buffer; after a discard they go nowhere. */
    private final class Output extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            oneByte[0] = (byte) b;
            write(oneByte, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (discarded) {
                return;
            }
            if (ended) {
                throw new IOException(address() + ": content already ended");
            }
            append(b, off, len);
        }

        @Override
        public void close() {
            if (!ended && !discarded) {
                endContent();
            }
        }
    }
}
