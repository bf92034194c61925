using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Buurt.ServiceDefaults.Api;

/// <summary>
/// The Dutch API Design Rules where they fit: an OpenAPI 3 document per service, the
/// <c>API-Version</c> header on every API response, validation errors as problem details.
/// </summary>
public static class ApiConventions
{
    public const string ApiVersionHeader = "API-Version";

    internal static void AddApiConventions(this IServiceCollection services, string name)
    {
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = $"Buurt {name} API",
                Version = ServiceInfo.ApiVersion,
                Description = $"The {name} service of Buurt. Reach it through the gateway; every call names its tenant by host name or the X-Tenant header.",
            };
            document.Servers = [new OpenApiServer { Url = "/" }];
            return Task.CompletedTask;
        }));
    }

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
