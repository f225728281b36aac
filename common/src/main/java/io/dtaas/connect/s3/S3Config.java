package io.dtaas.connect.s3;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.FieldSpec;
import io.dtaas.connect.jdbc.ServerFields;
import io.dtaas.connect.objectstore.FileLayout;
import io.dtaas.error.ConfigError;
import io.dtaas.format.FileFields;
import io.dtaas.secret.Secret;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

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
            FieldSpec.string("bucket_name", "Bucket", true, "Bucket to write to"),
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
            FieldSpec.string("endpoint_url", "Endpoint URL", false,
                    "For S3-compatible servers, e.g. http://minio:9000; empty for AWS"),
            FieldSpec.bool("path_style", "Path-style access", false,
                    "Address buckets as endpoint/bucket instead of bucket.endpoint (most S3-compatible servers)"));

    public static S3Config from(ConfigValues config) {
        String bucket = config.string("bucket_name").trim();
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new ConfigError(ServerFields.PATH + ".bucket_name",
                    "must be a valid bucket name: 3-63 lower-case letters, digits, '.' and '-'");
        }
        String prefix = config.string("prefix", "");
        return new S3Config(bucket, config.string("aws_access_key_id"), config.secret("aws_secret_access_key"),
                config.secret("aws_session_token"), config.string("region"), prefix,
                FileLayout.from(config, prefix, ServerFields.PATH), endpoint(config.string("endpoint_url")),
                config.bool("path_style"));
    }

    private static URI endpoint(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(value, "scheme must be http or https");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigError(ServerFields.PATH + ".endpoint_url", "must be an http(s) URL such as http://host:9000");
        }
    }

    @Override
    public String toString() {
        return "S3Config[s3://" + bucketName + "/" + prefix + (endpointUrl == null ? "" : " at " + endpointUrl) + "]";
    }
}
