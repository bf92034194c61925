using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Buurt.Contacts.Data;
using Buurt.Contacts.Domain;
using Buurt.Contracts.Contacts;
using Buurt.ServiceDefaults.Tenancy;
using Buurt.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>
    /// Hilversum's network with the marker in every part the contacts endpoints answer: an organisation
    /// (named the marker, with a public mailbox and a recorded change), a person (named the marker,
    /// with a public e-mail under a public consent) holding a function of its own in Zuid, a resident's
    /// report about the organisation, the consent's withdrawal link and a verification link.
    /// </summary>
    private async Task<Network> NetworkInHilversumAsync(string marker)
    {
        Platform.SkipWhenRunning("contacts' bus and database (the links it issues)");
        var published = new PublishedMessages();
        using var observer = platform.Contacts.Services.GetRequiredService<IBus>().ConnectPublishObserver(published);
        var admin = await platform.SignedInAsync("admin@hilversum.example");
        async Task<Guid> IdOf(Task<HttpResponseMessage> call) => (await (await call).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var organisation = await IdOf(admin.PostAsJsonAsync("/api/contacts/v1/organisations", new { name = marker, kind = "other" }));
        var mailbox = await IdOf(admin.PostAsJsonAsync($"/api/contacts/v1/organisations/{organisation}/contact-points",
            new { kind = "email", value = $"team-{marker}@hilversum.example", visibility = "public" }));
        var person = await IdOf(admin.PostAsJsonAsync("/api/contacts/v1/people", new { name = marker }));
        var point = await IdOf(admin.PostAsJsonAsync($"/api/contacts/v1/people/{person}/contact-points",
            new { kind = "email", value = $"{marker}@hilversum.example", visibility = "public" }));
        var consent = await IdOf(admin.PostAsJsonAsync($"/api/contacts/v1/people/{person}/consents",
            new { contactPointIds = new[] { point }, visibility = "public", basis = "in-person", textVersion = "2026-01" }));
        var function = "f-" + marker[^10..];
        (await admin.PutAsJsonAsync($"/api/contacts/v1/functions/{function}", new { name = "Functie " + marker })).EnsureSuccessStatusCode();
        await IdOf(admin.PostAsJsonAsync("/api/contacts/v1/assignments",
            new { personId = person, organisationId = organisation, function, areaIds = new[] { s_zuid }, from = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)) }));
        var resident = await platform.SignedInAsync("resident@hilversum.example");
        var report = await IdOf(resident.PostAsJsonAsync("/api/contacts/v1/listing-reports", new { organisationId = organisation, note = marker }));
        var consentLink = (await published.WaitForAsync<ConsentWithdrawalLinkIssued>(e => e.ConsentId == consent)).LinkPath.Split('/')[^1];
        // The yearly watch issues verification links a year on; one issued here as it would.
        await using var scope = platform.Contacts.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set("hilversum");
        var db = scope.ServiceProvider.GetRequiredService<ContactsDbContext>();
        var (link, verificationLink) = SecretLink.Issue("hilversum", LinkPurpose.ListingVerification, null, organisation, null, DateTimeOffset.UtcNow);
        db.SecretLinks.Add(link);
        await db.SaveChangesAsync();
        return new Network(organisation, mailbox, person, consent, report, consentLink, verificationLink);
    }

    private sealed record Network(Guid Organisation, Guid Mailbox, Guid Person, Guid Consent, Guid Report, string ConsentLink, string VerificationLink)
    {
        /// <summary>A contacts path of the OpenAPI document with hilversum's ids and tokens in it.</summary>
        public string Fill(string path) => path
            .Replace("{id}", (path.StartsWith("/organisations", StringComparison.Ordinal) ? Organisation
                : path.StartsWith("/listing-reports", StringComparison.Ordinal) ? Report : Person).ToString(), StringComparison.Ordinal)
            .Replace("{pointId}", Mailbox.ToString(), StringComparison.Ordinal)
            .Replace("{consentId}", Consent.ToString(), StringComparison.Ordinal)
            .Replace("{file}", "organizations.csv", StringComparison.Ordinal)
            .Replace("{token}", path.StartsWith("/consent-links", StringComparison.Ordinal) ? ConsentLink : VerificationLink, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_documented_endpoint_keeps_hilversums_data_from_a_voorbeeldstad_token()
    {
        var (id, marker) = await SubmitInHilversumAsync();
        // Contacts' ids and tokens are its own: hilversum's network, named with the marker.
        var network = await NetworkInHilversumAsync(marker);
        var foreign = await platform.SignedInAsync("admin@voorbeeldstad.example", "voorbeeldstad");
        var calls = 0;

        foreach (var service in s_services)
        {
            var document = await foreign.GetFromJsonAsync<JsonElement>($"/api/{service}/v1/openapi.json");
            foreach (var path in document.GetProperty("paths").EnumerateObject())
            {
                var url = $"/api/{service}/v1" + (service == "contacts" ? network.Fill(path.Name) : path.Name.Replace("{id}", id.ToString(), StringComparison.Ordinal))
                    .Replace("{areaId}", s_zuid.ToString(), StringComparison.Ordinal)
                    .Replace("{postcode}", "1216", StringComparison.Ordinal)
                    .Replace("{key}", "wijkagent", StringComparison.Ordinal);
                // A hilversum id or token in a contacts path: in voorbeeldstad it names nothing.
                var namesHilversum = service == "contacts" && path.Name.Contains('{', StringComparison.Ordinal)
                    && !path.Name.Contains("{key}", StringComparison.Ordinal) && !path.Name.Contains("{file}", StringComparison.Ordinal);
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
                        Assert.DoesNotContain(id.ToString(), body, StringComparison.OrdinalIgnoreCase);
                        Assert.DoesNotContain(network.Person.ToString(), body, StringComparison.OrdinalIgnoreCase);
                        Assert.DoesNotContain(network.Organisation.ToString(), body, StringComparison.OrdinalIgnoreCase);
                    }
                    Assert.DoesNotContain("@hilversum.example", body, StringComparison.Ordinal);
                    if (namesHilversum && method == "get")
                    {
                        Assert.True(own.StatusCode == HttpStatusCode.NotFound, $"{method} {url} in voorbeeldstad: {(int)own.StatusCode}");
                    }
                }
            }
        }

        Assert.True(calls >= 6, $"only {calls} endpoints documented");
        var stillThere = await platform.Client("hilversum").GetFromJsonAsync<JsonElement>($"/api/initiatives/v1/initiatives/{id}");
        Assert.Equal(marker, stillThere.GetProperty("title").GetString());
        await HilversumStillHasItsNetworkAsync(network, marker);
    }

    /// <summary>
    /// The ids and tokens the sweep used are hilversum's real ones (so its 404s meant "not yours"), and
    /// nothing it sent changed them: the consent stands, both links still work, the report is open.
    /// </summary>
    private async Task HilversumStillHasItsNetworkAsync(Network network, string marker)
    {
        var admin = await platform.SignedInAsync("admin@hilversum.example");
        var anonymous = platform.Client("hilversum");
        var contact = await anonymous.GetFromJsonAsync<JsonElement>($"/api/contacts/v1/people/{network.Person}");
        Assert.Equal($"{marker}@hilversum.example", contact.GetProperty("contactPoints")[0].GetProperty("value").GetString());
        string[] anonymousReads = [$"/organisations/{network.Organisation}", "/open-data/hsds.json", "/open-data/hsds/organizations.csv",
            $"/consent-links/{network.ConsentLink}", $"/verification-links/{network.VerificationLink}"];
        foreach (var read in anonymousReads)
        {
            Assert.Contains(marker, await anonymous.GetStringAsync("/api/contacts/v1" + read), StringComparison.Ordinal);
        }
        string[] keeperReads = [$"/organisations/{network.Organisation}/changes", $"/people/{network.Person}/export", "/listing-reports?status=open&pageSize=100"];
        foreach (var read in keeperReads)
        {
            Assert.Contains(marker, await admin.GetStringAsync("/api/contacts/v1" + read), StringComparison.Ordinal);
        }
        Assert.Contains(network.Mailbox.ToString(), await admin.GetStringAsync($"/api/contacts/v1/organisations/{network.Organisation}"), StringComparison.Ordinal);
        Assert.Contains(network.Report.ToString(), await admin.GetStringAsync("/api/contacts/v1/listing-reports?status=open&pageSize=100"), StringComparison.Ordinal);
        // The link still withdraws: no voorbeeldstad POST used it up.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync($"/api/contacts/v1/consent-links/{network.ConsentLink}", null)).StatusCode);
        Assert.DoesNotContain(marker + "@", await anonymous.GetStringAsync($"/api/contacts/v1/people/{network.Person}"), StringComparison.Ordinal);
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
