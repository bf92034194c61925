# The image of every Buurt service, the gateway and the web app: its `dotnet publish` output
# (framework-dependent) on an ASP.NET Core runtime base. The one definition for every build:
#   here (./platform images):  BASE=buurt/runtime:local, made from Debian's packages (deploy/images/build)
#   a registry-connected CI:   --build-arg BASE=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
# docker build -f deploy/images/service.Dockerfile --build-arg APP=Buurt.Budget <publish folder>
ARG BASE=buurt/runtime:local
FROM ${BASE}
# The assembly's name (Buurt.Budget).
ARG APP
ARG VERSION=0.0.0
LABEL org.opencontainers.image.title="${APP}" org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="EUPL-1.2"
WORKDIR /app
COPY . /app/
# ENTRYPOINT cannot name a build argument: the app's own launcher (apphost) under a fixed name.
# It finds its assembly by the name built into it, beside itself; no shell is needed (the chiseled
# base has none).
COPY ${APP} /app/buurt-app
# The charts' runAsUser (non-root, by number so that runAsNonRoot can be checked); the root file
# system can be read-only: only /tmp is written (an emptyDir in the charts).
USER 1654
ENV ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
ENTRYPOINT ["/app/buurt-app"]
