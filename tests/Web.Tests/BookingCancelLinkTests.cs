using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// The cancel link of a booking's confirmation mail opens the web app's page: it shows the booking
/// without sign-in and changes nothing (mail scanners follow links); only its button, a POST with the
/// antiforgery token, cancels.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class BookingCancelLinkTests(WebPlatform platform)
{
    [Fact]
    public async Task The_mails_link_shows_the_booking_and_only_the_button_cancels_it()
    {
        using var resident = await platform.SignedInAsync(Demo.ResidentOost);
        var booking = await BookAsync(resident, "Stoep bij de school");
        var id = booking.GetProperty("id").GetGuid();
        var mail = (await platform.Mail.WaitForAsync(m => m.To.ToString().Contains(Demo.ResidentOost, StringComparison.Ordinal)
            && (m.TextBody ?? "").Contains("Stoep bij de school", StringComparison.Ordinal), timeout: TimeSpan.FromSeconds(30))).Single();
        var link = CancelLink().Match(mail.TextBody!).Value;
        Assert.StartsWith($"{platform.Site()}/afspraken/annuleren/", link, StringComparison.Ordinal);

        // Opening the link (as a mail scanner would, or the resident without a session) changes nothing.
        using (var scanner = platform.SiteClient())
        {
            using var opened = await scanner.GetAsync(new Uri(link).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            // Through the gateway, whose own referrer policy would let the link travel to our origin.
            Assert.Equal("no-referrer", opened.Headers.GetValues("Referrer-Policy").Single());
            Assert.True(opened.Headers.CacheControl?.NoStore);
            // A post without the antiforgery token is refused.
            using var forged = await scanner.PostAsync(new Uri(link).PathAndQuery, new FormUrlEncodedContent([KeyValuePair.Create("_handler", "cancel-by-link")]));
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }
        Assert.Equal("confirmed", await StatusAsync(resident, id));

        var page = await platform.NewPageAsync();
        await page.GotoAsync(link);
        Assert.Equal("Uw afspraak annuleren", (await page.InnerTextAsync("h1")).Trim());
        Assert.Contains("Stoep bij de school", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal("Bevestigd", (await page.InnerTextAsync("#booking-status")).Trim());
        await Axe.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak afzeggen" }).ClickAsync();
        await page.WaitForURLAsync($"{link}?geannuleerd=1");
        Assert.Contains("Uw afspraak is geannuleerd", await page.GetByRole(AriaRole.Status).First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Afgezegd", (await page.InnerTextAsync("#booking-status")).Trim());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak afzeggen" }).CountAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = "Een nieuwe afspraak maken" }).CountAsync());
        await Axe.AssertNoViolationsAsync(page);
        Assert.Equal("cancelled", await StatusAsync(resident, id));

        // In English too, and an unknown link is a friendly 404.
        await page.GotoAsync($"{link}?lang=en");
        Assert.Equal("Cancel your appointment", (await page.InnerTextAsync("h1")).Trim());
        await Axe.AssertNoViolationsAsync(page);
        var unknown = await page.GotoAsync($"{platform.Site()}/afspraken/annuleren/geen-echte-link");
        Assert.Equal(404, unknown!.Status);
        await page.Context.CloseAsync();
    }

    /// <summary>Books the first free slot of the alderman's office hour; the answer has the cancel token.</summary>
    private static async Task<JsonElement> BookAsync(HttpClient resident, string topic)
    {
        var today = DateTime.UtcNow.Date;
        var slots = await resident.GetFromJsonAsync<JsonElement>(
            $"/api/calendar/v1/office-hours/{DemoAgenda.AldermanOfficeHour}/slots?from={today.AddDays(2):yyyy-MM-dd}&to={today.AddDays(60):yyyy-MM-dd}");
        // The last free slot: other tests book from the first.
        var start = slots.GetProperty("items").EnumerateArray().Last(s => s.GetProperty("available").GetBoolean()).GetProperty("start").GetString();
        using var response = await resident.PostAsJsonAsync("/api/calendar/v1/bookings", new { officeHourId = DemoAgenda.AldermanOfficeHour, start, topic });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body;
    }

    private static async Task<string> StatusAsync(HttpClient resident, Guid booking) =>
        (await resident.GetFromJsonAsync<JsonElement>($"/api/calendar/v1/bookings/{booking}")).GetProperty("status").GetString()!;

    [GeneratedRegex(@"http://\S+/afspraken/annuleren/[A-Za-z0-9_-]+")]
    private static partial Regex CancelLink();
}
