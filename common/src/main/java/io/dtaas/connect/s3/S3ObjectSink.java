package io.dtaas.connect.s3;

import io.dtaas.connect.objectstore.ObjectSink;
import io.dtaas.connect.objectstore.StagedObject;
import io.dtaas.error.TransientError;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A bucket as an {@link ObjectSink}. Objects are streamed: content up to one part stays in memory and is
 * sent with a single PutObject on publish; larger content goes out as a multipart upload while it is written
 * (one part buffer per object) and is published by CompleteMultipartUpload; a discarded object's upload is
 * aborted. Nothing is visible under a key before publish.
 *
 * <p>An upload whose process died is neither visible nor listed; a bucket lifecycle rule
 * ({@code AbortIncompleteMultipartUpload}) removes its parts, which is why {@link #discardAbandoned} does
 * nothing here.
 */
public final class S3ObjectSink implements ObjectSink {

    /** S3 refuses smaller parts (except the last one). */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    /** 8 MiB parts: at S3's 10,000 parts a file can reach 80 GiB. */
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    /** Small finished objects kept in memory per sink until their chunk commits (see {@link SmallObjectBudget}). */
    public static final long DEFAULT_HELD_BYTES = 64L * 1024 * 1024;
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final String bucket;
    private final int partSize;
    private final SmallObjectBudget budget;

    /** @param s3 closed with this sink */
    public S3ObjectSink(S3Client s3, String bucket, int partSize, long heldBytes) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 parts must be at least 5 MiB");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
        this.budget = new SmallObjectBudget(heldBytes);
    }

    @Override
    public StagedObject create(String key) {
        return new S3StagedObject(s3, bucket, key, partSize, budget);
    }

    @Override
    public List<String> list(String prefix) {
        try {
            return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(S3Object::key).toList();
        } catch (SdkException e) {
            throw S3Errors.translate("listing " + describe(prefix), e);
        }
    }

    @Override
    public void delete(Collection<String> keys) {
        List<ObjectIdentifier> ids = keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        for (int from = 0; from < ids.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = ids.subList(from, Math.min(ids.size(), from + DELETE_BATCH));
            DeleteObjectsResponse response;
            try {
                response = s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
            } catch (SdkException e) {
                throw S3Errors.translate("deleting " + batch.size() + " objects in s3://" + bucket, e);
            }
            if (response.hasErrors() && !response.errors().isEmpty()) {
                List<String> failed = new ArrayList<>();
                response.errors().forEach(err -> failed.add(err.key() + " (" + err.code() + ")"));
                throw new TransientError("S3 did not delete " + failed + " in s3://" + bucket, null);
            }
        }
    }

    @Override
    public java.io.InputStream open(String key) {
        try {
            return s3.getObject(r -> r.bucket(bucket).key(key));
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            throw new io.dtaas.error.NotFoundError(describe(key) + " does not exist");
        } catch (SdkException e) {
            throw S3Errors.translate("reading " + describe(key), e);
        }
    }

    @Override
    public String describe(String key) {
        return "s3://" + bucket + "/" + key;
    }

    /** Bytes of small finished objects held in memory right now (for tests and metrics). */
    public long heldBytes() {
        return budget.held();
    }

    @Override
    public void close() {
        s3.close();
    }
}
