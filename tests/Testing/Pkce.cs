using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Buurt.Testing;

/// <summary>A PKCE pair (RFC 7636, S256) as an app makes one for a code sign-in.</summary>
public sealed record Pkce(string Verifier, string Challenge)
{
    public static Pkce New()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return new Pkce(verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    /// <summary>Trades a sign-in's code at the token endpoint with this pair's verifier, as the app <paramref name="clientId"/> does.</summary>
    public Task<HttpResponseMessage> TradeAsync(HttpClient client, string clientId, string code, string redirectUri) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = Verifier,
        }));
}
