# DTaaS control-plane runtime image: REST API, dashboard, WebSocket /ws, scheduler and (today) the transfer engine.
#
# Build the application first, then the image, both from the repository root:
#   ./mvnw -B -DskipTests package
#   docker build -f deploy/docker/control-plane.Dockerfile -t dtaas/control-plane:0.1.0 .
# This file only packages control-plane/target/quarkus-app/ (a Quarkus fast-jar); it does not compile anything.
# control-plane.Dockerfile.dockerignore (next to this file) keeps the build context to that directory.
FROM eclipse-temurin:21-jre

# A fixed numeric uid so Kubernetes' runAsNonRoot can verify it without a runAsUser.
RUN groupadd --system --gid 10001 dtaas \
 && useradd --system --uid 10001 --gid dtaas --home-dir /var/lib/dtaas --no-create-home dtaas \
 && mkdir -p /var/lib/dtaas \
 && chown dtaas:dtaas /var/lib/dtaas

WORKDIR /app
# The fast-jar layout: lib/ changes least, so it is copied first (better layer reuse on rebuilds).
COPY --chown=10001:10001 control-plane/target/quarkus-app/lib/ /app/lib/
COPY --chown=10001:10001 control-plane/target/quarkus-app/*.jar /app/
COPY --chown=10001:10001 control-plane/target/quarkus-app/app/ /app/app/
COPY --chown=10001:10001 control-plane/target/quarkus-app/quarkus/ /app/quarkus/

# In a container the server must listen on all interfaces; that requires DTAAS_API_TOKEN (set at run time).
# Data dir: only used for a master key file / embedded database when DTAAS_SECRET_KEY / DATABASE_URL are unset.
ENV HOST=0.0.0.0 \
    PORT=8000 \
    DTAAS_HOME=/var/lib/dtaas

USER 10001:10001
EXPOSE 8000

ENTRYPOINT ["java", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/quarkus-run.jar"]
# Arguments for the launcher (io.dtaas.controlplane.DtaasMain): never try to open a browser on a server.
CMD ["--no-browser"]
