package io.dtaas.testing;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * A real S3-protocol server (s3proxy, in memory, checking signatures) on a free loopback port, started once
 * per JVM and shared by every test in it.
 */
public final class S3ServerFixture {

    public static final String ACCESS_KEY = "dtaas-test-access";
    public static final String SECRET_KEY = "dtaas-test-secret-key-0123456789";
    public static final String REGION = "us-east-1";

    private static S3Proxy server;

    private S3ServerFixture() {
    }

    public static synchronized URI endpoint() {
        if (server == null) {
            server = start();
        }
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    /** A client with the fixture's credentials, for creating buckets and reading back what DTaaS wrote. */
    public static S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .build();
    }

    public static void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
                s3.createBucket(r -> r.bucket(bucket));
            }
        }
    }

    public static Map<String, Object> connectionConfig(String bucket) {
        Map<String, Object> config = new HashMap<>();
        config.put("bucket_name", bucket);
        config.put("aws_access_key_id", ACCESS_KEY);
        config.put("aws_secret_access_key", SECRET_KEY);
        config.put("region", REGION);
        config.put("endpoint_url", endpoint().toString());
        config.put("path_style", true);
        return config;
    }

    private static S3Proxy start() {
        try {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start within 30 s: " + proxy.getState());
                }
                Thread.onSpinWait();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    proxy.stop();
                } catch (Exception ignored) {
                    // the JVM is exiting
                }
            }));
            return proxy;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the S3 test server", e);
        }
    }
}
