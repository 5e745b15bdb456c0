# The image of a Mekong Exchange node. One image serves every process of the topology in docker-compose.yml:
# the whole node (default), or one side of it chosen with LOADER_MAIN (the jar starts through Spring Boot's
# PropertiesLauncher), e.g. LOADER_MAIN=mekong.exchange.producer.ProducerApplication.
#
# Both base images are Eclipse Temurin 17 on Ubuntu 24.04 (noble), pinned to an exact JDK release. The runtime
# image ships curl, which the compose health checks use.

FROM eclipse-temurin:17.0.20_8-jdk-noble AS build
WORKDIR /src
# The whole reactor is copied: Maven reads every module's pom even when it builds only exchange-node and the
# modules it needs. .dockerignore keeps target/, .mekong/ and .git out.
COPY . .
RUN ./mvnw -q -B -pl exchange-node -am package -DskipTests

FROM eclipse-temurin:17.0.20_8-jre-noble
RUN groupadd --system mekong && useradd --system --gid mekong --home-dir /app --no-create-home mekong \
    && mkdir -p /var/lib/mekong && chown mekong:mekong /var/lib/mekong
WORKDIR /app
COPY --from=build /src/exchange-node/target/exchange-node-0.1.0-SNAPSHOT-exec.jar /app/app.jar
USER mekong
# /var/lib/mekong: the consumer side's state stores (a volume in docker-compose.yml), writable by the node's user.
# 8080: desk API; 9080: actuator (health, Prometheus).
EXPOSE 8080 9080
# The heap follows the container's memory limit, half of it: the state stores' RocksDB memory is outside the heap
# (mekong.streams.state-memory). A JVM out of memory exits so that the container restarts, instead of limping on.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/app.jar"]
