# syntax=docker/dockerfile:1
# EdgeControl images, linux/amd64:
#   docker build -t edgecontrol/web .                    the control plane (target `web`, the default)
#   docker build --target agent -t edgecontrol/agent .   the device agent
#   docker build --target worker -t edgecontrol/worker . an edge or cloud worker
# Both run scripts/publish.sh, the publish that scripts/check-published.sh (called by ./test.sh) runs, starts and checks
# outside a container: no container engine runs where this repository is tested, so this file itself is not built there.
# Configuration comes from the environment only (see docker-compose.yml); no secret is baked into an image.

# Ubuntu 24.04 "noble": the .NET 10 images are published for Ubuntu, Alpine and Azure Linux, not Debian (dotnet-docker
# #6526), and noble's libstdc++6 is GCC 14's (up to GLIBCXX_3.4.33), new enough for TorchSharp 0.107's native library
# (GLIBCXX_3.4.32). Not Alpine (musl: libtorch is built for glibc) and not -chiseled (no shell for the HEALTHCHECK).
ARG DOTNET_TAG=10.0-noble

# ---- build: the SDK on the builder's own platform publishes for linux-x64 (framework-dependent, nothing native runs)
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_TAG} AS source
WORKDIR /src
# Project files first, so the restore layer is reused until a project or a package version changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY scripts/publish.sh scripts/
COPY src/Core/Core.csproj src/Core/
COPY src/Agents/Agents.csproj src/Agents/
COPY src/Data/Data.csproj src/Data/
COPY src/Protocol/Protocol.csproj src/Protocol/
COPY src/CommandLine/CommandLine.csproj src/CommandLine/
COPY src/Inference/Inference.csproj src/Inference/
COPY migrations/Migrations.csproj migrations/
COPY src/Web/Web.csproj src/Web/
COPY src/DeviceAgent/DeviceAgent.csproj src/DeviceAgent/
COPY src/Worker/Worker.csproj src/Worker/
RUN scripts/publish.sh restore
COPY . .

FROM source AS publish-web
RUN scripts/publish.sh web /out

FROM source AS publish-agent
RUN scripts/publish.sh agent /out

FROM source AS publish-worker
RUN scripts/publish.sh worker /out

# ---- the device agent: a simulated (or, with --real, TorchSharp-measuring) device that connects to the control plane
FROM --platform=linux/amd64 mcr.microsoft.com/dotnet/runtime:${DOTNET_TAG} AS agent
WORKDIR /app
COPY --from=publish-agent /out ./
# The agent's state (durable outbox, and after --register the device's id and key): mount a volume on /data so a
# restarted container is the same device and re-sends what it holds.
RUN mkdir /data && chown "$APP_UID:$APP_UID" /data
ENV XDG_STATE_HOME=/data
USER $APP_UID
ENTRYPOINT ["dotnet", "EdgeControl.DeviceAgent.dll"]
CMD ["--help"]

# ---- an edge or cloud worker: profiles itself, serves /v1/infer on 8100; its identity (worker.json) lives in /data
FROM --platform=linux/amd64 mcr.microsoft.com/dotnet/aspnet:${DOTNET_TAG} AS worker
WORKDIR /app
COPY --from=publish-worker /out ./
RUN mkdir /data && chown "$APP_UID:$APP_UID" /data
USER $APP_UID
EXPOSE 8100
ENTRYPOINT ["dotnet", "EdgeControl.Worker.dll", "--data-dir", "/data", "--listen", "http://0.0.0.0:8100"]
CMD ["--help"]

# ---- the control plane (last stage: the default target)
FROM --platform=linux/amd64 mcr.microsoft.com/dotnet/aspnet:${DOTNET_TAG} AS web
WORKDIR /app
COPY --from=publish-web /out ./
COPY deploy/healthcheck.sh /usr/local/bin/edgecontrol-healthcheck
# No volume for Data Protection keys: they are in PostgreSQL (data_protection_keys), shared by every instance.
# The image's own layout, not deployment settings (one variable per ENV line: scripts/check-published.sh reads them).
ENV ASPNETCORE_ENVIRONMENT=Production
ENV Orchestrator__ScenarioPath=scenarios/paper-mobilenet.json
ENV Orchestrator__ScenariosDirectory=scenarios
ENV Dashboard__ResultsDirectory=results
# The base image listens on 8080 (ASPNETCORE_HTTP_PORTS) and provides the unprivileged user `app` ($APP_UID).
EXPOSE 8080
USER $APP_UID
# Start-up applies migrations and waits up to 60 s for the database before it listens.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 CMD ["edgecontrol-healthcheck"]
ENTRYPOINT ["dotnet", "EdgeControl.Web.dll"]
