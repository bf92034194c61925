using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Buurt.Testing;

namespace Buurt.EndToEnd.Tests;

/// <summary>No municipality reaches another's data, through any endpoint any service documents.</summary>
public sealed class TenantIsolationTests(Platform platform) : IClassFixture<Platform>
{
    private static readonly Guid s_zuid = Demo.Zuid;
    private static readonly string[] s_services = ["identity", "initiatives", "budget", "contacts"];
    private static readonly string[] s_methods = ["get", "post", "put", "patch", "delete"];

    private async Task<(Guid Id, string Marker)> SubmitInHilversumAsync()
    {
        var marker = $"geheim-{Guid.NewGuid():N}";
        var resident = await platform.SignedInAsync("resident@hilversum.example");
        var response = await resident.PostAsync("/api/initiatives/v1/initiatives", JsonContent.Create(new
        {
            title = marker,
            description = marker,
            areaId = s_zuid,
            theme = "veilig",
            requestedAmount = 75m,
        }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), marker);
    }

    /// <summary>A person in hilversum's network named <paramref name="marker"/>, with a public e-mail address under a public consent.</summary>
    private async Task<(Guid Person, Guid Consent)> ContactInHilversumAsync(string marker)
    {
        var admin = await platform.SignedInAsync("admin@hilversum.example");
        async Task<Guid> IdOf(Task<HttpResponseMessage> call) => (await (await call).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var person = await IdOf(admin.PostAsJsonAsync("/api/contacts/v1/people", new { name = marker }));
        var point = await IdOf(admin.PostAsJsonAsync($"/api/contacts/v1/people/{person}/contact-points",
            new { kind = "email", value = $"{marker}@hilversum.example", visibility = "public" }));
        var consent = await IdOf(admin.PostAsJsonAsync($"/api/contacts/v1/people/{person}/consents",
            new { contactPointIds = new[] { point }, visibility = "public", basis = "in-person", textVersion = "2026-01" }));
        return (person, consent);
    }

    [Fact]
    public async Task Every_documented_endpoint_keeps_hilversums_data_from_a_voorbeeldstad_token()
    {
        var (id, marker) = await SubmitInHilversumAsync();
        // Contacts' ids are its own: a hilversum person (named with the marker) and their consent.
        var (person, consent) = await ContactInHilversumAsync(marker);
        var foreign = await platform.SignedInAsync("admin@voorbeeldstad.example", "voorbeeldstad");
        var calls = 0;

        foreach (var service in s_services)
        {
            var document = await foreign.GetFromJsonAsync<JsonElement>($"/api/{service}/v1/openapi.json");
            foreach (var path in document.GetProperty("paths").EnumerateObject())
            {
                var ownId = service == "contacts" ? person : id;
                var url = $"/api/{service}/v1{path.Name}"
                    .Replace("{areaId}", s_zuid.ToString(), StringComparison.Ordinal)
                    .Replace("{postcode}", "1216", StringComparison.Ordinal)
                    .Replace("{id}", ownId.ToString(), StringComparison.Ordinal)
                    .Replace("{consentId}", consent.ToString(), StringComparison.Ordinal)
                    .Replace("{key}", "wijkagent", StringComparison.Ordinal);
                foreach (var method in s_methods.Where(m => path.Value.TryGetProperty(m, out _)))
                {
                    calls++;
                    // Into hilversum with a voorbeeldstad token: refused before anything runs.
                    var across = await SendAsync(foreign, method, url, tenant: "hilversum");
                    Assert.True(across.StatusCode == HttpStatusCode.Forbidden, $"{method} {url} across tenants: {(int)across.StatusCode}");

                    // In its own municipality: whatever it answers holds nothing of hilversum's.
                    var own = await SendAsync(foreign, method, url, tenant: "voorbeeldstad");
                    var body = await own.Content.ReadAsStringAsync();
                    Assert.True((int)own.StatusCode < 500, $"{method} {url}: {(int)own.StatusCode} {body}");
                    Assert.DoesNotContain(marker, body, StringComparison.Ordinal);
                    if (own.IsSuccessStatusCode)
                    {
                        // (A 404 may name the id the caller asked for; an answer may not hold it.)
                        Assert.DoesNotContain(ownId.ToString(), body, StringComparison.OrdinalIgnoreCase);
                    }
                    Assert.DoesNotContain("@hilversum.example", body, StringComparison.Ordinal);
                }
            }
        }

        Assert.True(calls >= 6, $"only {calls} endpoints documented");
        var stillThere = await platform.Client("hilversum").GetFromJsonAsync<JsonElement>($"/api/initiatives/v1/initiatives/{id}");
        Assert.Equal(marker, stillThere.GetProperty("title").GetString());
        var contactStillThere = await platform.Client("hilversum").GetFromJsonAsync<JsonElement>($"/api/contacts/v1/people/{person}");
        Assert.Equal($"{marker}@hilversum.example", contactStillThere.GetProperty("contactPoints")[0].GetProperty("value").GetString());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient signedIn, string method, string url, string tenant)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
        request.Headers.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        request.Headers.Add("X-Tenant", tenant);
        if (method is not ("get" or "delete"))
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        return await signedIn.SendAsync(request);
    }

    [Theory]
    [InlineData("resident@hilversum.example", HttpStatusCode.Created)]
    [InlineData("director.zuid@hilversum.example", HttpStatusCode.Forbidden)]
    [InlineData("alderman.zuid@hilversum.example", HttpStatusCode.Forbidden)]
    [InlineData("partner.zuid@hilversum.example", HttpStatusCode.Forbidden)]
    [InlineData("budget@hilversum.example", HttpStatusCode.Forbidden)]
    [InlineData("admin@hilversum.example", HttpStatusCode.Forbidden)]
    public async Task Only_residents_submit_initiatives(string email, HttpStatusCode expected)
    {
        var client = await platform.SignedInAsync(email);

        var response = await client.PostAsync("/api/initiatives/v1/initiatives", JsonContent.Create(new
        {
            title = "Rolproef",
            description = "Wie mag indienen?",
            areaId = s_zuid,
            theme = "sociaal",
            requestedAmount = 1m,
        }));

        Assert.Equal(expected, response.StatusCode);
    }
}
