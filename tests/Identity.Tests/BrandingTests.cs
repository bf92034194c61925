using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Buurt.Testing;

namespace Buurt.Identity.Tests;

/// <summary>The tenant admin's branding of the site: name, accent colour and logo (PUT /tenants/me/...), given out in the tenant list.</summary>
public sealed class BrandingTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private const string Branding = "/api/identity/v1/tenants/me/branding";
    private const string Logo = "/api/identity/v1/tenants/me/logo";

    // A 1×1 PNG.
    private static readonly byte[] s_png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private const string SafeSvg = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0" stop-color="#00529c"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)" style="stroke: #fff"/></svg>""";

    private async Task<JsonElement> HilversumAsync()
    {
        var list = await fixture.Client(null).GetFromJsonAsync<JsonElement>("/api/identity/v1/tenants");
        return list.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("slug").GetString() == Demo.Hilversum);
    }

    private static HttpContent File(byte[] content, string type)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(type);
        return body;
    }

    private static HttpContent Svg(string svg) => File(Encoding.UTF8.GetBytes(svg), "image/svg+xml");

    [Fact]
    public async Task The_admin_sets_the_sites_name_and_colour_and_the_tenant_list_gives_them_out()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var before = await HilversumAsync();
        Assert.Equal("Gemeente Hilversum", before.GetProperty("displayName").GetString());

        var response = await admin.PutAsJsonAsync(Branding, new { displayName = "  Hilversum Mediastad ", accentColor = "#1A5C2E" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await HilversumAsync();
        Assert.Equal("Hilversum Mediastad", after.GetProperty("displayName").GetString());
        Assert.Equal("#1a5c2e", after.GetProperty("accentColor").GetString());
        Assert.Equal("Gemeente Hilversum", after.GetProperty("name").GetString()); // the official name stays

        // Reset: the municipality's name, no colour of its own (the site's configured tokens).
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync(Branding)).StatusCode);
        var reset = await HilversumAsync();
        Assert.Equal("Gemeente Hilversum", reset.GetProperty("displayName").GetString());
        Assert.Equal(JsonValueKind.Null, reset.GetProperty("accentColor").ValueKind);
    }

    public static TheoryData<string?, string?, string> BadBranding() => new()
    {
        { "Gemeente Hilversum", "#ffcc00", "accentColor" }, // white on yellow: 1.6:1
        { "Gemeente Hilversum", "#777777", "accentColor" }, // 4.48:1, just below (#767676, 4.54:1, passes: below)
        { "Gemeente Hilversum", "blue", "accentColor" },
        { "Gemeente Hilversum", null, "accentColor" },
        { "", "#00529c", "displayName" },
        { "   ", "#00529c", "displayName" },
        { new string('x', 101), "#00529c", "displayName" },
        { null, "#00529c", "displayName" },
    };

    [Theory]
    [MemberData(nameof(BadBranding))]
    public async Task A_too_light_colour_or_a_bad_name_is_a_400_naming_the_field_and_changes_nothing(string? name, string? color, string field)
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var before = (await HilversumAsync()).GetRawText();

        await admin.PutAsJsonAsync(Branding, new { displayName = name, accentColor = color }).ProblemAsync(HttpStatusCode.BadRequest, field);

        Assert.Equal(before, (await HilversumAsync()).GetRawText());
    }

    [Fact]
    public async Task The_darkest_grey_white_text_is_readable_on_passes()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(Branding, new { displayName = "Gemeente Hilversum", accentColor = "#767676" })).StatusCode);

        Assert.Equal("#767676", (await HilversumAsync()).GetProperty("accentColor").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(Branding, new { displayName = "Gemeente Hilversum", accentColor = "#00529c" })).StatusCode);
    }

    [Theory]
    [InlineData(null, null, HttpStatusCode.Unauthorized)]
    [InlineData(Demo.Hilversum, Demo.Director, HttpStatusCode.Forbidden)]
    [InlineData(Demo.Hilversum, Demo.Resident, HttpStatusCode.Forbidden)]
    [InlineData(Demo.Voorbeeldstad, Demo.VoorbeeldstadAdmin, HttpStatusCode.Forbidden)]
    public async Task Only_the_municipalitys_own_admin_may_brand_its_site(string? tenant, string? email, HttpStatusCode status)
    {
        var client = fixture.Client(Demo.Hilversum);
        if (email is not null)
        {
            client.DefaultRequestHeaders.Authorization = TestIdentity.Bearer(await fixture.Identity.TokenAsync(tenant!, email));
        }
        var before = (await HilversumAsync()).GetRawText();

        Assert.Equal(status, (await client.PutAsJsonAsync(Branding, new { displayName = "Stiekem", accentColor = "#000000" })).StatusCode);
        Assert.Equal(status, (await client.PutAsync(Logo, File(s_png, "image/png"))).StatusCode);
        Assert.Equal(status, (await client.DeleteAsync(Logo)).StatusCode);
        Assert.Equal(status, (await client.DeleteAsync(Branding)).StatusCode);

        Assert.Equal(before, (await HilversumAsync()).GetRawText());
    }

    [Fact]
    public async Task A_png_logo_is_served_publicly_with_its_type_a_strong_etag_and_a_sandbox_and_can_be_removed()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);

        // Named an SVG, but its signature says PNG: stored and served as one.
        var set = await admin.PutAsync(Logo, File(s_png, "image/svg+xml"));

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var path = (await HilversumAsync()).GetProperty("logo").GetString()!;
        Assert.StartsWith("/api/identity/v1/tenants/hilversum/logo?v=", path, StringComparison.Ordinal);
        var anonymous = fixture.Client(null);
        var logo = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal("image/png", logo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(s_png, await logo.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", logo.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; sandbox", logo.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(logo.Headers.ETag!.IsWeak);
        Assert.True(logo.Headers.CacheControl!.Public);
        Assert.InRange(logo.Headers.CacheControl.MaxAge!.Value, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));
        var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(logo.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(again)).StatusCode);

        // A new logo: a new version in the path and a new ETag.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync(Logo, Svg(SafeSvg))).StatusCode);
        var svgPath = (await HilversumAsync()).GetProperty("logo").GetString()!;
        Assert.NotEqual(path, svgPath);
        var svg = await anonymous.GetAsync(svgPath);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(logo.Headers.ETag, svg.Headers.ETag);

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync(Logo)).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await HilversumAsync()).GetProperty("logo").ValueKind);
        await anonymous.GetAsync(path).ProblemAsync(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> BadLogos() => new()
    {
        { "script", """<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>""" },
        { "event attribute", """<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>""" },
        { "event attribute in a child", """<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1" ONCLICK="x()"/></svg>""" },
        { "foreignObject", """<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">hi</p></foreignObject></svg>""" },
        { "javascript: link", """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="java&#x0A;script:alert(1)"><rect width="1" height="1"/></a></svg>""" },
        { "external image", """<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png" width="1" height="1"/></svg>""" },
        { "protocol-relative use", """<svg xmlns="http://www.w3.org/2000/svg"><use href="//evil.example/s.svg#a"/></svg>""" },
        { "external url() in a style", """<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1" style="fill: url( 'http://evil.example/p.svg#p')"/></svg>""" },
        { "@import in a style sheet", """<svg xmlns="http://www.w3.org/2000/svg"><style>@import "https://evil.example/a.css";</style></svg>""" },
        { "a DOCTYPE (entities)", """<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>""" },
        { "not an SVG", """<html><body>hi</body></html>""" },
        { "not XML", "GIF89a not a logo" },
        { "empty", "" },
    };

    [Theory]
    [MemberData(nameof(BadLogos))]
    public async Task An_unsafe_or_unknown_logo_is_a_400_naming_logo_and_changes_nothing(string what, string content)
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var before = (await HilversumAsync()).GetRawText();

        var problem = await admin.PutAsync(Logo, Svg(content)).ProblemAsync(HttpStatusCode.BadRequest, "logo");

        Assert.False(string.IsNullOrEmpty(what));
        Assert.NotEqual(JsonValueKind.Undefined, problem.GetProperty("errors").GetProperty("logo").ValueKind);
        Assert.Equal(before, (await HilversumAsync()).GetRawText());
    }

    [Fact]
    public async Task A_logo_over_100_KB_or_a_text_file_named_png_is_a_400_naming_logo()
    {
        var admin = await fixture.ClientAsAsync(Demo.Admin);
        var big = new byte[(100 * 1024) + 1];
        s_png.CopyTo(big, 0);
        var before = (await HilversumAsync()).GetRawText();

        await admin.PutAsync(Logo, File(big, "image/png")).ProblemAsync(HttpStatusCode.BadRequest, "logo");
        await admin.PutAsync(Logo, File(Encoding.UTF8.GetBytes("just text"), "image/png")).ProblemAsync(HttpStatusCode.BadRequest, "logo");

        Assert.Equal(before, (await HilversumAsync()).GetRawText());
        var exactly = new byte[100 * 1024];
        s_png.CopyTo(exactly, 0);
        // As a browser's upload may come: a file of no particular type.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync(Logo, File(exactly, "application/octet-stream"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync(Logo)).StatusCode);
    }
}
