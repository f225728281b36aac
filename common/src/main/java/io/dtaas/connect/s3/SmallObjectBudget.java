package io.dtaas.connect.s3;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes of finished but unpublished small objects that one S3 sink may keep in memory until their chunk
 * commits (to send each with a single PutObject). Beyond it, a small object is uploaded at once as a
 * one-part multipart upload and published by completing it, so memory stays bounded however many files a
 * chunk has.
 */
final class SmallObjectBudget {

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    SmallObjectBudget(long limit) {
        this.limit = limit;
    }

    /** Reserves {@code bytes} if they fit under the limit. */
    boolean tryHold(long bytes) {
        long now;
        do {
            now = held.get();
            if (now + bytes > limit) {
                return false;
            }
        } while (!held.compareAndSet(now, now + bytes));
        return true;
    }

    void release(long bytes) {
        held.addAndGet(-bytes);
    }

    long held() {
        return held.get();
    }
}
