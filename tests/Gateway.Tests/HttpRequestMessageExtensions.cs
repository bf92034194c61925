namespace Buurt.Gateway.Tests;

internal static class HttpRequestMessageExtensions
{
    /// <summary>A request can be sent once; this is the same request again (its JSON body too).</summary>
    public static HttpRequestMessage Clone(this HttpRequestMessage request)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content };
        foreach (var (name, values) in request.Headers)
        {
            clone.Headers.TryAddWithoutValidation(name, values);
        }
        return clone;
    }
}
