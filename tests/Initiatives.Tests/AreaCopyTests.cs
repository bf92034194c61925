using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Testing;

namespace Buurt.Initiatives.Tests;

/// <summary>The service validates wijken against its own copy of identity's areas, kept by events.</summary>
public sealed class AreaCopyTests(InitiativesService service) : IClassFixture<InitiativesService>
{
    [Fact]
    public async Task A_wijk_the_admin_registers_in_identity_soon_takes_initiatives_here()
    {
        var admin = await service.Identity!.ClientAsync("hilversum", "admin@hilversum.example");
        var registered = await admin.PostAsJsonAsync("/api/identity/v1/areas",
            new { kind = "wijk", name = "Anna's Hoeve", code = "AH" + Guid.NewGuid().ToString("N")[..6] });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var wijk = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var resident = await service.ResidentAsync();

        HttpStatusCode status = default;
        await Eventually.TrueAsync(async () =>
        {
            var response = await resident.PostAsJsonAsync("/api/initiatives/v1/initiatives", new
            {
                title = "Speeltuin opknappen",
                description = "De wipwap is kapot.",
                areaId = wijk,
                theme = "fysiek",
                requestedAmount = 1200m,
            });
            status = response.StatusCode;
            return status == HttpStatusCode.Created;
        }, what: "the new wijk to reach initiatives");

        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task A_buurt_is_no_wijk_to_submit_for()
    {
        var identity = service.Identity!.Client("hilversum");
        var areas = await identity.GetFromJsonAsync<JsonElement>("/api/identity/v1/areas");
        var zuid = areas.GetProperty("items").EnumerateArray().Single(w => w.GetProperty("name").GetString() == "Zuid");
        var buurt = zuid.GetProperty("buurten")[0].GetProperty("id").GetGuid();
        var resident = await service.ResidentAsync();

        var response = await resident.PostAsJsonAsync("/api/initiatives/v1/initiatives", new
        {
            title = "Bankje",
            description = "Voor de buurt.",
            areaId = buurt,
            theme = "fysiek",
            requestedAmount = 10m,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
