namespace Buurt.Contacts.Api;

/// <summary>What a shared cache (the gateway's) or a browser may keep of an answer.</summary>
public static class Caching
{
    /// <summary>Answers that may hold personal details are kept by no cache: a withdrawn consent counts in the very next answer.</summary>
    public static RouteHandlerBuilder NotStored(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            NotStored(context.HttpContext.Response);
            return await next(context);
        });

    public static void NotStored(HttpResponse response) => response.Headers.CacheControl = "no-store";
}
