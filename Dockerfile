# syntax=docker/dockerfile:1
# ProfileHub: gRPC service (port 8080, h2c) and Prometheus metrics (port 9090), SQLite on the /data volume.
#   docker build -t profilehub .
#   docker run -p 8080:8080 -p 9090:9090 -v profilehub-data:/data --read-only --tmpfs /tmp \
#     -e ProfileHub__Auth__Mode=apikey -e ProfileHub__Auth__ApiKeys__0__Name=ops -e ProfileHub__Auth__ApiKeys__0__Hash=<sha256> profilehub

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore as its own layer: it only reruns when a project file or the central package versions change.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY protos/ protos/
COPY src/ProfileHub.Core/ProfileHub.Core.csproj src/ProfileHub.Core/
COPY src/ProfileHub.Grpc/ProfileHub.Grpc.csproj src/ProfileHub.Grpc/
COPY src/ProfileHub.Contracts/ProfileHub.Contracts.csproj src/ProfileHub.Contracts/
COPY src/ProfileHub.Storage/ProfileHub.Storage.csproj src/ProfileHub.Storage/
COPY src/ProfileHub.Redis/ProfileHub.Redis.csproj src/ProfileHub.Redis/
COPY src/ProfileHub.Server/ProfileHub.Server.csproj src/ProfileHub.Server/
COPY src/ProfileHub.Cli/ProfileHub.Cli.csproj src/ProfileHub.Cli/
RUN dotnet restore src/ProfileHub.Server/ProfileHub.Server.csproj \
 && dotnet restore src/ProfileHub.Cli/ProfileHub.Cli.csproj

COPY src/ src/
RUN dotnet publish src/ProfileHub.Server/ProfileHub.Server.csproj -c Release --no-restore -p:UseAppHost=false -o /app/server
RUN dotnet publish src/ProfileHub.Cli/ProfileHub.Cli.csproj -c Release --no-restore -p:UseAppHost=false -o /app/cli

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# The SQLite file lives on a volume owned by the image's non-root user; the root file system can be read-only.
RUN mkdir -p /data && chown "$APP_UID" /data
WORKDIR /app
COPY --from=build /app/server /app/
COPY --from=build /app/cli /app/cli/
ENV ASPNETCORE_URLS=http://+:8080 \
    ProfileHub__Storage__Provider=sqlite \
    ProfileHub__Storage__ConnectionString="Data Source=/data/profilehub.db" \
    ProfileHub__Metrics__Port=9090 \
    ProfileHub__Logging__Format=json \
    PROFILEHUB_ADDRESS=http://127.0.0.1:8080 \
    DOTNET_EnableDiagnostics=0
VOLUME ["/data"]
EXPOSE 8080 9090
USER $APP_UID
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["dotnet", "/app/cli/profilehub.dll", "health", "--timeout", "3"]
ENTRYPOINT ["dotnet", "/app/ProfileHub.Server.dll"]
