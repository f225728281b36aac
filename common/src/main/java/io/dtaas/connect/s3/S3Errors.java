package io.dtaas.connect.s3;

import io.dtaas.connect.jdbc.ServerFields;
import io.dtaas.error.ConfigError;
import io.dtaas.error.DtaasException;
import io.dtaas.error.SystemError;
import io.dtaas.error.TransientError;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 failures in DTaaS's taxonomy: network trouble, throttling and server errors are worth retrying; refused
 * credentials or a missing bucket are the user's to fix; any other refusal is a request we got wrong.
 */
final class S3Errors {

    private S3Errors() {
    }

    /** @param what what was being done, with the object's address (never a secret) */
    static DtaasException translate(String what, SdkException e) {
        if (e instanceof S3Exception s3) {
            String message = what + ": " + S3Answers.refusal(s3);
            return switch (S3Connector.classify(s3)) {
                case NOT_FOUND -> new ConfigError(ServerFields.PATH + ".bucket_name", message);
                case AUTHENTICATION -> new ConfigError(ServerFields.PATH + ".aws_access_key_id", message);
                case PERMISSION -> new ConfigError(ServerFields.PATH + ".aws_access_key_id",
                        message + " (the credentials lack permission)");
                default -> isTransient(s3) ? new TransientError(message, e) : new SystemError(message, e);
            };
        }
        // SdkClientException and the rest (connection refused or reset, timeouts): worth retrying: the request did not get an answer (network, timeout).
        String reason = e instanceof SdkClientException client ? S3Answers.networkFailure(client) : "no S3 answer";
        return new TransientError(what + ": " + reason, e);
    }

    /**
     * S3 answers worth retrying: server errors (5xx, e.g. InternalError, ServiceUnavailable), throttling (429,
     * SlowDown, the SDK's throttling codes) and RequestTimeout (a 400 S3 sends when the upload stalled).
     */
    static boolean isTransient(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() >= 500 || e.statusCode() == 429 || e.isThrottlingException()
                || TRANSIENT_CODES.contains(code);
    }

    private static final java.util.Set<String> TRANSIENT_CODES = java.util.Set.of("SlowDown", "RequestTimeout",
            "InternalError", "ServiceUnavailable", "Throttling", "ThrottlingException", "RequestTimeoutException");
}
