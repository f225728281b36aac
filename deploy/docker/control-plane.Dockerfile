# DTaaS control-plane image. Build the app first: ./mvnw -DskipTests package
# then, from the repository root: docker build -f deploy/docker/control-plane.Dockerfile -t dtaas/control-plane:0.1.0 .
FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --home-dir /var/lib/dtaas dtaas && mkdir -p /var/lib/dtaas && chown dtaas /var/lib/dtaas
WORKDIR /app
COPY control-plane/target/quarkus-app/ /app/
USER 10001
ENV HOST=0.0.0.0 PORT=8000 DTAAS_HOME=/var/lib/dtaas
EXPOSE 8000
ENTRYPOINT ["java", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/quarkus-run.jar", "--no-browser"]
