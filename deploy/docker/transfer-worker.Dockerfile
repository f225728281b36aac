# DTaaS transfer-worker runtime image. Its HTTP port (WORKER_PORT, 8001) serves health for orchestrators.
#
# Build the application first, then the image, both from the repository root:
#   ./mvnw -B -DskipTests package
#   docker build -f deploy/docker/transfer-worker.Dockerfile -t dtaas/transfer-worker:0.1.0 .
# This file only packages transfer-worker/target/quarkus-app/ (a Quarkus fast-jar); it does not compile anything.
# transfer-worker.Dockerfile.dockerignore (next to this file) keeps the build context to that directory.
FROM eclipse-temurin:21-jre

# A fixed numeric uid so Kubernetes' runAsNonRoot can verify it without a runAsUser.
RUN groupadd --system --gid 10001 dtaas \
 && useradd --system --uid 10001 --gid dtaas --home-dir /app --no-create-home dtaas

WORKDIR /app
# The fast-jar layout: lib/ changes least, so it is copied first (better layer reuse on rebuilds).
COPY --chown=10001:10001 transfer-worker/target/quarkus-app/lib/ /app/lib/
COPY --chown=10001:10001 transfer-worker/target/quarkus-app/*.jar /app/
COPY --chown=10001:10001 transfer-worker/target/quarkus-app/app/ /app/app/
COPY --chown=10001:10001 transfer-worker/target/quarkus-app/quarkus/ /app/quarkus/

# In a container the worker must listen on all interfaces so probes can reach it.
ENV HOST=0.0.0.0 \
    WORKER_PORT=8001

USER 10001:10001
EXPOSE 8001

ENTRYPOINT ["java", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/quarkus-run.jar"]
