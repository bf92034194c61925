using System.Text.Json;

namespace Buurt.EndToEnd.Tests;

/// <summary>Reading the gateway's answers in acceptance runs.</summary>
internal static class Responses
{
    /// <summary>The JSON body of a successful call; otherwise fails with the method, path, status and body.</summary>
    public static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }
}
