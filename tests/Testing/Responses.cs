using System.Net;
using System.Text.Json;
using Xunit;

namespace Buurt.Testing;

/// <summary>Reading answers in tests: a success's JSON, or a problem with its status and the field it names.</summary>
public static class Responses
{
    /// <summary>The JSON body of a successful call; otherwise fails with the method, path, status and body.</summary>
    public static async Task<JsonElement> OkAsync(this Task<HttpResponseMessage> call) => await (await call).OkAsync();

    /// <inheritdoc cref="OkAsync(Task{HttpResponseMessage})"/>
    public static async Task<JsonElement> OkAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    /// <summary>
    /// A problem-details answer with <paramref name="status"/>; with <paramref name="field"/>, its
    /// errors name that field with at least one message. Returns the problem.
    /// </summary>
    public static async Task<JsonElement> ProblemAsync(this Task<HttpResponseMessage> call, HttpStatusCode status, string? field = null) =>
        await (await call).ProblemAsync(status, field);

    /// <inheritdoc cref="ProblemAsync(Task{HttpResponseMessage}, HttpStatusCode, string?)"/>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            var messages = problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var named) ? named : default;
            Assert.True(messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0, $"expected an error naming '{field}': {body}");
        }
        return problem;
    }
}
