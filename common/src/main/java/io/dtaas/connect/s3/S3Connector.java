package io.dtaas.connect.s3;

import io.dtaas.connect.CheckResult;
import io.dtaas.connect.CheckResult.Failure;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.ConnectorType;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Role;
import io.dtaas.connect.objectstore.FileDestination;
import io.dtaas.format.ParquetOptions;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** Amazon S3 and S3-compatible object stores as a destination for Parquet, CSV and JSON-lines files. */
public final class S3Connector implements Connector {

    /** Per S3 call while writing: generous, since one call may carry a whole part. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);

    public static final ConnectorType TYPE = new ConnectorType("s3", "Amazon S3", Set.of(Role.DESTINATION),
            S3Config.FIELDS, false);

    @Override
    public ConnectorType type() {
        return TYPE;
    }

    @Override
    public void validate(ConfigValues config) {
        S3Config.from(config);
    }

    /**
     * Parquet, CSV or JSON-lines files under the prefix, streamed with multipart uploads and laid out as
     * {@link FileDestination} says.
     */
    @Override
    public Destination destination(ConfigValues values) {
        S3Config config = S3Config.from(values);
        S3ObjectSink sink = new S3ObjectSink(S3Clients.create(config, WRITE_TIMEOUT), config.bucketName(),
                S3ObjectSink.DEFAULT_PART_SIZE, S3ObjectSink.DEFAULT_HELD_BYTES);
        return new FileDestination(sink, config.layout(), ParquetOptions.DEFAULT, Clock.systemUTC());
    }

    /**
     * Lists at most one key under the prefix: proves the endpoint, the credentials and read access to the bucket.
     * A failure answers the HTTP status and S3 error code only (see {@link S3Answers}).
     */
    @Override
    public CheckResult check(ConfigValues values, Duration timeout) {
        S3Config config = S3Config.from(values);
        long started = System.nanoTime();
        try (S3Client s3 = S3Clients.create(config, timeout)) {
            s3.listObjectsV2(r -> r.bucket(config.bucketName()).prefix(config.prefix()).maxKeys(1));
            String where = config.endpointUrl() == null ? "AWS region " + config.region() : config.endpointUrl().toString();
            return CheckResult.ok("Listed s3://" + config.bucketName() + "/" + config.prefix() + " at " + where,
                    "S3 API", elapsedMs(started));
        } catch (S3Exception e) {
            return CheckResult.failed(classify(e), S3Answers.refusal(e), elapsedMs(started));
        } catch (SdkClientException e) {
            return CheckResult.failed(classify(e), "cannot reach the S3 endpoint: " + S3Answers.networkFailure(e),
                    elapsedMs(started));
        }
    }

    static Failure classify(S3Exception e) {
        String code = S3Answers.code(e);
        return switch (code == null ? "" : code) {
            case "NoSuchBucket" -> Failure.NOT_FOUND;
            case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken" -> Failure.AUTHENTICATION;
            case "AccessDenied", "AllAccessDisabled" -> Failure.PERMISSION;
            default -> e.statusCode() == 403 ? Failure.AUTHENTICATION : e.statusCode() == 404 ? Failure.NOT_FOUND : Failure.OTHER;
        };
    }

    private static Failure classify(SdkClientException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return Failure.TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return Failure.UNREACHABLE;
            }
        }
        return Failure.UNREACHABLE;
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
