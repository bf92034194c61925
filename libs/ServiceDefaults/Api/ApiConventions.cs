using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Buurt.ServiceDefaults.Api;

/// <summary>
/// The Dutch API Design Rules (ADR 2.0) in every service's OpenAPI document: OpenAPI 3.0, the
/// major version in the server URL, <c>info.contact</c>, the <c>API-Version</c> header on every
/// answer (sent and documented), the bearer token and the tenant header, errors as problem details.
/// Checked by tests/EndToEnd.Tests/ApiDesignRulesTests.
/// </summary>
public static class ApiConventions
{
    public const string ApiVersionHeader = "API-Version";
    private const string Bearer = "bearer";

    internal static void AddApiConventions(this IServiceCollection services, string name)
    {
        var prefix = $"/api/{name}/v1";
        services.AddOpenApi(options =>
        {
            // The ADR linter reads OpenAPI 3.0.
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            options.AddDocumentTransformer((document, context, _) =>
            {
                var contact = context.ApplicationServices.GetRequiredService<IConfiguration>().GetSection("Api:Contact");
                document.Info = new OpenApiInfo
                {
                    Title = $"Buurt {name} API",
                    Version = ServiceInfo.ApiVersion,
                    Description = $"The {name} service of Buurt. Reach it through the gateway; every call names its municipality by host name or the X-Tenant header.",
                    Contact = new OpenApiContact
                    {
                        Name = contact["Name"] ?? "Buurt",
                        Email = contact["Email"] ?? "api@buurt.example",
                        Url = new Uri(contact["Url"] ?? "https://buurt.example/docs"),
                    },
                };
                // Paths relative to a server URL that names the major version (/core/uri-version).
                document.Servers = [new OpenApiServer { Url = prefix }];
                var paths = new OpenApiPaths();
                foreach (var (path, item) in document.Paths)
                {
                    paths[RelativeTo(prefix, path)] = item;
                }
                document.Paths = paths;
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An access token from the gateway's /connect/token (OpenID Connect).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
                }
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "X-Tenant",
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "The municipality (e.g. hilversum), when the host name does not name it.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
                foreach (var (status, response) in operation.Responses ?? [])
                {
                    if (status[0] is '2' or '3' && response is OpenApiResponse answer)
                    {
                        answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
                        answer.Headers[ApiVersionHeader] = new OpenApiHeader
                        {
                            Description = "The full version of the API that answered (/core/version-header).",
                            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                        };
                    }
                }
                return Task.CompletedTask;
            });
        });
    }

    private static string RelativeTo(string prefix, string path) =>
        !path.StartsWith(prefix, StringComparison.Ordinal) ? path : path.Length == prefix.Length ? "/" : path[prefix.Length..];

    internal static void UseApiVersionHeader(this WebApplication app)
    {
        var prefix = app.Services.GetRequiredService<ServiceInfo>().ApiPrefix;
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(prefix))
            {
                context.Response.Headers[ApiVersionHeader] = ServiceInfo.ApiVersion;
            }
            return next(context);
        });
    }

    internal static void MapApiDocument(this WebApplication app) =>
        app.MapOpenApi(app.Services.GetRequiredService<ServiceInfo>().OpenApiPath).DisableHttpMetrics();
}
