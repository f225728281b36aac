package io.dtaas.controlplane.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/** Installs {@link OpenApiContract} for every @QuarkusTest of this module (registered as a service). */
public class OpenApiContractCallback implements QuarkusTestBeforeEachCallback {

    private static final OpenApiContract CONTRACT = new OpenApiContract();

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(f -> f == CONTRACT)) {
            RestAssured.filters(CONTRACT);
        }
    }
}
