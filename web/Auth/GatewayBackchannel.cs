using Buurt.ServiceDefaults.Tenancy;

namespace Buurt.Web.Auth;

/// <summary>
/// The web app's server-to-server calls to identity (discovery, keys, code and refresh exchanges):
/// the discovery document names the public issuer's address; these calls go to the gateway's own
/// address instead (Web:Gateway, inside the cluster), naming the visitor's municipality.
/// </summary>
internal sealed class GatewayBackchannel(Uri gateway, IHttpContextAccessor accessor) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = new Uri(gateway, uri.PathAndQuery);
        }
        if (accessor.HttpContext?.RequestServices.GetRequiredService<ITenantContext>().TenantId is { } tenant)
        {
            request.Headers.TryAddWithoutValidation(TenantHeaders.PublicHint, tenant);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
