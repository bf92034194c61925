using System.Net.Http.Headers;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Authentication;

namespace Buurt.Web.Api;

/// <summary>
/// Every call of the web app to the gateway names the visitor's municipality (X-Tenant), the
/// visitor's address (X-Forwarded-For, so the gateway's rate limits count visitors, not the web
/// app) and, only for calls made as the signed-in user, their access token from the server-side
/// session. Public reads go without a token, so the gateway may share cached answers.
/// </summary>
internal sealed class GatewayHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    /// <summary>Marks a request to be sent with the signed-in user's access token.</summary>
    public static readonly HttpRequestOptionsKey<bool> AsUser = new("buurt.as-user");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { } http)
        {
            if (http.RequestServices.GetRequiredService<ITenantContext>().TenantId is { } tenant)
            {
                request.Headers.TryAddWithoutValidation(TenantHeaders.PublicHint, tenant);
            }
            if (http.Connection.RemoteIpAddress is { } address)
            {
                request.Headers.TryAddWithoutValidation("X-Forwarded-For", address.ToString());
            }
            if (request.Options.TryGetValue(AsUser, out var asUser) && asUser
                && await http.GetTokenAsync("access_token") is { Length: > 0 } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
