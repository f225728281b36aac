package io.dtaas.connect.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.time.Duration;

/** Builds S3 clients from explicit credentials and region only: the default provider chains never run. */
public final class S3Clients {

    private S3Clients() {
    }

    public static S3Client create(S3Config config, Duration timeout) {
        AwsCredentials credentials = config.sessionToken() == null
                ? AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey().reveal())
                : AwsSessionCredentials.create(config.accessKeyId(), config.secretAccessKey().reveal(),
                config.sessionToken().reveal());
        var builder = S3Client.builder()
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .region(Region.of(config.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(timeout)
                        .socketTimeout(timeout.multipliedBy(2)))
                .overrideConfiguration(o -> o.apiCallTimeout(timeout.multipliedBy(3)))
                // Checksums only where S3 requires them: S3-compatible servers often reject the newer defaults.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // Whole-payload signatures, not aws-chunked ones: servers that answer an empty aws-chunked PUT (a
                // manifest marker) before reading its final chunk close the connection under the next request.
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle())
                        .chunkedEncodingEnabled(false).build());
        if (config.endpointUrl() != null) {
            builder.endpointOverride(config.endpointUrl());
        }
        return builder.build();
    }
}
