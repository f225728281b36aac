package io.dtaas.connect.s3;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * What DTaaS repeats of an S3 endpoint's answer: the HTTP status and the S3 error code, and of a failed request
 * the kind of network failure. Never the error message or body: the endpoint may be any HTTP server the caller
 * named (an internal service, a metadata address), and its body is not ours to relay.
 */
final class S3Answers {

    /** S3 error codes are CamelCase words (AccessDenied, NoSuchBucket, SignatureDoesNotMatch). */
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Za-z0-9.]{1,63}");

    private S3Answers() {
    }

    /** The error code when it looks like one, else null. */
    static String code(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code != null && CODE.matcher(code).matches() ? code : null;
    }

    /** e.g. {@code "S3 answered 403 AccessDenied"}. */
    static String refusal(S3Exception e) {
        String code = code(e);
        return "S3 answered " + e.statusCode() + (code == null ? "" : " " + code);
    }

    /** e.g. {@code "connection refused"}, from the exception types only. */
    static String networkFailure(SdkClientException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return "timed out";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof SSLException) {
                return "TLS handshake failed";
            }
        }
        return "no S3 answer (" + e.getClass().getSimpleName() + ")";
    }
}
