# syntax=docker/dockerfile:1
# The classifier on NVIDIA GPUs: ONNX Runtime's CUDA build (Maven profile "gpu") on a CUDA 12 +
# cuDNN 9 runtime base. Built from the repository root:
#   docker build -f docker/classifier-gpu.Dockerfile -t embryo-stream/classifier-gpu .
# Models: mounted at /models, or baked in with --build-arg MODEL_DIR=<folder in the build context>.
# Run with a GPU (compose profile "gpu", or the k8s gpu overlay); EMBRYO_INFERENCE_PROVIDER=CUDA.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -P gpu -pl distribution -am package \
 && mkdir -p /out \
 && cp -r distribution/target/embryo-stream/. /out/

FROM nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 embryo \
 && useradd --system --uid 10001 --gid embryo --home-dir /app --shell /usr/sbin/nologin embryo \
 && mkdir -p /state && chown 10001:10001 /state
WORKDIR /app
COPY --from=build /out/ /app/
ARG MODEL_DIR=docker/models
COPY --chown=10001:10001 ${MODEL_DIR} /models/
USER 10001:10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.embryostream" \
    EMBRYO_MODEL_DIR=/models \
    EMBRYO_CLASSIFIER_STATE_DIR=/state \
    EMBRYO_METRICS_PORT=9464 \
    EMBRYO_INFERENCE_PROVIDER=CUDA
VOLUME ["/state"]
EXPOSE 9464
ENTRYPOINT ["java", "-jar", "/app/embryo-stream.jar"]
CMD ["classify"]
