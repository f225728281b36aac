package io.dtaas.connect.s3;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.FieldSpec;
import io.dtaas.connect.jdbc.ServerFields;
import io.dtaas.connect.objectstore.FileLayout;
import io.dtaas.error.ConfigError;
import io.dtaas.connect.objectstore.FileFields;
import io.dtaas.secret.Secret;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validated settings of an S3 (or S3-compatible) destination. Credentials are always explicit: DTaaS never
 * falls back to the AWS default credential chain, which would probe instance metadata.
 *
 * @param prefix      as the user wrote it (for listing in the connection test)
 * @param layout      how files are named and written under the prefix
 * @param endpointUrl null for AWS itself; set for S3-compatible servers (MinIO, Ceph, s3proxy...)
 */
public record S3Config(String bucketName, String accessKeyId, Secret secretAccessKey, Secret sessionToken,
                       String region, String prefix, FileLayout layout, URI endpointUrl, boolean pathStyle) {

    static final List<FieldSpec> FIELDS = List.of(
            // the bucket can be part of the host name (virtual-hosted style), so it is part of the endpoint
            FieldSpec.string("bucket_name", "Bucket", true, "Bucket to write to").asEndpoint(),
            FieldSpec.string("aws_access_key_id", "Access key id", true, "AWS access key id"),
            FieldSpec.secret("aws_secret_access_key", "Secret access key", true, "AWS secret access key"),
            FieldSpec.secret("aws_session_token", "Session token", false, "Temporary credentials' session token"),
            FieldSpec.string("region", "Region", false, "AWS region, e.g. us-west-2").withDefault("us-east-1"),
            FieldSpec.string("prefix", "Key prefix", false,
                    "Prefix for every object key, e.g. data/ or exports/{{run_date}}/").withTemplates(),
            FileFields.fileFormat(),
            FileFields.compression(),
            FileFields.maxRowsPerFile(),
            FileFields.partitionByLoadDate(),
            FileFields.partitionBy(),
            FileFields.fileNameTemplate(),
            FieldSpec.string("endpoint_url", "Endpoint URL", false,
                    "For S3-compatible servers, e.g. http://minio:9000; empty for AWS").asEndpoint(),
            FieldSpec.bool("path_style", "Path-style access", false,
                    "Address buckets as endpoint/bucket instead of bucket.endpoint (most S3-compatible servers)")
                    .asEndpoint());

    /** AWS region ids (us-east-1) and the short names S3-compatible servers use; never a dot or a slash. */
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    public static S3Config from(ConfigValues config) {
        String bucket = config.string("bucket_name").trim();
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new ConfigError(ServerFields.PATH + ".bucket_name",
                    "must be a valid bucket name: 3-63 lower-case letters, digits, '.' and '-'");
        }
        String region = config.string("region").trim();
        if (!REGION.matcher(region).matches()) {
            throw new ConfigError(ServerFields.PATH + ".region", "must be a region id such as us-east-1 "
                    + "(letters, digits and '-')");
        }
        String prefix = config.string("prefix", "");
        return new S3Config(bucket, config.string("aws_access_key_id"), config.secret("aws_secret_access_key"),
                config.secret("aws_session_token"), region, prefix,
                FileLayout.from(config, prefix, ServerFields.PATH), endpoint(config.string("endpoint_url")),
                config.bool("path_style"));
    }

    /**
     * An http(s) URL with a host and nothing that would send the keys anywhere else or hide where they go: no user
     * info, query or fragment; the host is a host name or IP literal as for database servers.
     */
    private static URI endpoint(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String field = ServerFields.PATH + ".endpoint_url";
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new ConfigError(field, "must be an http(s) URL such as http://host:9000");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new ConfigError(field, "must be an http(s) URL with a host, such as http://host:9000");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigError(field, "must not contain a user, a query or a fragment");
        }
        ServerFields.host(uri.getHost(), field);
        return uri;
    }

    @Override
    public String toString() {
        return "S3Config[s3://" + bucketName + "/" + prefix + (endpointUrl == null ? "" : " at " + endpointUrl) + "]";
    }
}
