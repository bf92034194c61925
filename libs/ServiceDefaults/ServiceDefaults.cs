using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Auth;
using Buurt.ServiceDefaults.Idempotency;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Buurt.ServiceDefaults;

/// <summary>The one pair of calls every API service makes in its Program.cs.</summary>
public static class ServiceDefaults
{
    /// <summary>Host defaults plus OpenAPI, the API-Version header, the tenant context and token validation.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, string name)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddHostDefaults(name);
        builder.Services.AddApiConventions(name);
        builder.Services.AddTenancy();
        builder.AddTokenValidation();
        return builder;
    }

    /// <summary>
    /// Middleware and infrastructure endpoints (with idempotency keys when the service turned them
    /// on); call right after <c>Build()</c>. Returns the group
    /// "/api/{service}/v1" for the service's endpoints, which all require a tenant.
    /// </summary>
    public static RouteGroupBuilder MapServiceDefaults(this WebApplication app)
    {
        app.MapHostDefaults();
        app.UseTenancy();
        app.UseTokenValidation();
        app.UseApiVersionHeader();
        app.UseIdempotencyKeys();
        app.MapApiDocument();
        return app.MapGroup(app.Services.GetRequiredService<ServiceInfo>().ApiPrefix).RequireTenant();
    }
}
