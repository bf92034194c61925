using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.AreaCopy;
using Buurt.Initiatives.Data;
using Buurt.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurt.Initiatives.Tests;

/// <summary>The service validates wijken against its own copy of identity's areas, kept by events.</summary>
public sealed class AreaCopyTests(InitiativesService service) : IClassFixture<InitiativesService>
{
    [Fact]
    public async Task A_wijk_the_admin_registers_in_identity_soon_takes_initiatives_here()
    {
        var admin = await service.Identity!.ClientAsync(Demo.Hilversum, Demo.Admin);
        var registered = await admin.PostAsJsonAsync("/api/identity/v1/areas",
            new { kind = "wijk", name = "Anna's Hoeve", code = "AH" + Guid.NewGuid().ToString("N")[..6] }).OkAsync();
        var (wijk, code) = (registered.GetProperty("id").GetGuid(), registered.GetProperty("code").GetString());

        var copied = await Eventually.ValueAsync(
            () => service.InScopeAsync(Demo.Hilversum, s => s.GetRequiredService<InitiativesDbContext>().Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Id == wijk)),
            area => area is not null, what: "the new wijk to reach the copy");

        Assert.Equal((CopiedArea.Wijk, "Anna's Hoeve", code, (Guid?)null), (copied!.Kind, copied.Name, copied.Code, copied.ParentId));
        var submitted = await (await service.ResidentAsync()).PostAsJsonAsync("/api/initiatives/v1/initiatives", new
        {
            title = "Speeltuin opknappen",
            description = "De wipwap is kapot.",
            areaId = wijk,
            theme = "fysiek",
            requestedAmount = 1200m,
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        Assert.Equal(wijk, (await submitted.OkAsync()).GetProperty("areaId").GetGuid());
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

        await response.ProblemAsync(HttpStatusCode.BadRequest, "areaId");
    }
}
