# syntax=docker/dockerfile:1
# One image per service: docker build --build-arg MODULE=command-api -t watch-together/command-api .
# MODULE is one of command-api, room-projector, sync-gateway (docker-compose.yml builds all three).

FROM eclipse-temurin:17-jdk AS build
ARG MODULE
RUN test -n "$MODULE" || (echo "Set the build argument MODULE (command-api, room-projector or sync-gateway)" >&2; exit 1)
WORKDIR /workspace
COPY . .
# The cache mount keeps downloaded dependencies between builds of the three images.
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw \
    && ./mvnw -q -DskipTests -pl "$MODULE" -am package \
    && cp "$MODULE"/target/"$MODULE"-*-exec.jar /workspace/service.jar

FROM eclipse-temurin:17-jre
RUN groupadd --system app && useradd --system --gid app --no-create-home app
WORKDIR /app
COPY --from=build /workspace/service.jar /app/service.jar
USER app
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]
