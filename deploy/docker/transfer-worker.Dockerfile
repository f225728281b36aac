# DTaaS transfer-worker image. Build the app first: ./mvnw -DskipTests package
# then, from the repository root: docker build -f deploy/docker/transfer-worker.Dockerfile -t dtaas/transfer-worker:0.1.0 .
FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 dtaas
WORKDIR /app
COPY transfer-worker/target/quarkus-app/ /app/
USER 10001
ENV HOST=0.0.0.0 WORKER_PORT=8001
EXPOSE 8001
ENTRYPOINT ["java", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/quarkus-run.jar"]
