using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Buurt.Testing;

/// <summary>Reads what a JWT says, without checking it (the services check it; tests look inside).</summary>
public static class Jwts
{
    public static JsonElement Header(string jwt) => Part(jwt, 0);

    public static JsonElement Payload(string jwt) => Part(jwt, 1);

    private static JsonElement Part(string jwt, int index) =>
        JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.Split('.')[index])).RootElement;
}
