using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Buurt.Web.Tests;

/// <summary>
/// The workspace's agenda and office hours (/werkplek/agenda) through the gateway: the wijkregisseur of
/// Zuid schedules a weekly activity, cancels one occurrence, changes the series and sees a
/// registration; sees a booking of the wijk's office hour on "today" and blocks a date; checks someone
/// in with the keyboard only; sets up an office hour that a resident books in the residents' app, sees
/// her name and cancels the booking with a reason; cancels a whole activity with a reason the resident
/// sees. Axe on every page and answer.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class StaffAgendaTests(WebPlatform platform)
{
    private const string Calendar = "/api/calendar/v1";

    [Fact]
    public async Task The_director_schedules_a_weekly_activity_cancels_one_occurrence_changes_the_series_and_sees_a_registration()
    {
        var marker = $"Koffie{Guid.NewGuid():N}"[..16];
        var first = Today().AddDays(8);
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/agenda?wijk={Demo.Zuid}");
        Assert.Equal("Agenda en spreekuren: Zuid", (await page.InnerTextAsync("h1")).Trim());
        Assert.Equal("page", await page.GetAttributeAsync("#nav-agenda", "aria-current"));
        await Axe.AssertNoViolationsAsync(page);

        // Sent without a title: the page says so at the field. A count of 0: the calendar's own error (recurrence.count) at its field.
        await page.Locator("#date").FillAsync(Day(first));
        await page.SelectOptionAsync("#frequency", "weekly");
        await page.Locator("#count").FillAsync("0");
        await Send(page);
        await ErrorSummaryTakesFocusAsync(page);
        Assert.Contains("Geef de activiteit een titel.", await page.InnerTextAsync("#title-error"), StringComparison.Ordinal);
        await page.Locator("#title").FillAsync($"{marker} in De Geus");
        await Send(page);
        await page.WaitForSelectorAsync("#count-error");
        Assert.StartsWith("Aantal keren:", (await page.InnerTextAsync("#count-error")).Trim(), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetAttributeAsync("#count", "aria-invalid"));
        Assert.Equal($"{marker} in De Geus", await page.InputValueAsync("#title"));
        await Axe.AssertNoViolationsAsync(page);

        // Four Thursdays (or whatever day it is) with two places each.
        await page.Locator("#count").FillAsync("4");
        await page.Locator("#venue").FillAsync("Wijkcentrum De Geus");
        await page.Locator("#capacity").FillAsync("2");
        await Send(page);
        await page.WaitForURLAsync("**gelukt=gepland*");
        Assert.Contains("De activiteit staat in de agenda.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Link, new() { Name = "Bekijk de activiteit" }).ClickAsync();
        await page.WaitForURLAsync("**/werkplek/agenda/activiteiten/*");
        var activity = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1]);
        // An enhanced navigation: the address changes first, the page is patched in after.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"{marker} in De Geus");
        Assert.Equal(4, await page.Locator("#occurrences ~ div table tbody tr").CountAsync());
        await Axe.AssertNoViolationsAsync(page);

        // A resident registers for the second time: the director sees the registration and its code.
        var second = $"{Day(first.AddDays(7))}T19:00";
        var code = await RegisterAsync(activity, second);
        await page.GotoAsync($"{platform.Site()}/werkplek/agenda/activiteiten/{activity}/{second}?wijk={Demo.Zuid}");
        Assert.Contains(code, await page.InnerTextAsync("#registered ~ div table"), StringComparison.Ordinal);
        Assert.Contains("1 van 2", await page.InnerTextAsync("#occurrence"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // The first time is cancelled, only that one.
        await page.GotoAsync($"{platform.Site()}/werkplek/agenda/activiteiten/{activity}/{Day(first)}T19:00?wijk={Demo.Zuid}");
        await page.Locator("#cancelReason").FillAsync("De zaal is bezet.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Deze keer afgelasten" }).ClickAsync();
        await page.WaitForURLAsync("**gelukt=afgelast*");
        Assert.Contains("Deze keer is afgelast", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        Assert.Equal("Gaat niet door", (await page.InnerTextAsync("#occurrence-status")).Trim());
        await Axe.AssertNoViolationsAsync(page);
        var occurrences = await OccurrenceStatusesAsync(activity, first);
        Assert.Equal(["cancelled", "scheduled", "scheduled", "scheduled"], occurrences);

        // The whole series gets a new title; the cancelled time stays cancelled.
        await page.GotoAsync($"{platform.Site()}/werkplek/agenda/activiteiten/{activity}?wijk={Demo.Zuid}");
        Assert.Contains("De zaal is bezet.", await page.InnerTextAsync("#occurrences ~ div table"), StringComparison.Ordinal);
        await page.Locator("#title").FillAsync($"{marker} koffieochtend");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wijzigingen opslaan" }).ClickAsync();
        await page.WaitForURLAsync("**gelukt=gewijzigd*");
        Assert.Equal($"{marker} koffieochtend", (await page.InnerTextAsync("h1")).Trim());
        Assert.Equal(["cancelled", "scheduled", "scheduled", "scheduled"], await OccurrenceStatusesAsync(activity, first));
        await Axe.AssertNoViolationsAsync(page);

        // In English too.
        await page.GotoAsync($"{platform.Site()}/werkplek/agenda/activiteiten/{activity}/{second}?wijk={Demo.Zuid}&lang=en");
        Assert.Contains("Check in at the door", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_director_sees_a_booking_of_the_wijks_office_hour_today_and_blocks_a_date_which_then_has_no_slots()
    {
        var host = $"Wethouder {Guid.NewGuid():N}"[..20];
        var first = Today().AddDays(9);
        var officeHour = await ScheduleOfficeHourAsync(host, first);
        var question = $"Kan de stoep{Guid.NewGuid():N}"[..20];
        using (var resident = await platform.SignedInAsync(Demo.Resident))
        {
            var booked = await resident.PostAsJsonAsync($"{Calendar}/bookings",
                new { officeHourId = officeHour, start = $"{Day(first)}T16:20", topic = "Verkeer", question });
            Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync());
        }

        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek?wijk={Demo.Zuid}");
        var row = page.Locator("#bookings ~ div table tr", new() { HasText = question });
        Assert.Contains("Verkeer", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains($"wijkwethouder {host}", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("16:20", await row.InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // Its office hour's page: the booking, then a blocked date.
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync($"**/werkplek/agenda/spreekuren/{officeHour}?*");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Spreekuur wijkwethouder {host}");
        Assert.Contains(question, await page.InnerTextAsync("#bookings ~ div table"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Datum blokkeren" }).ClickAsync();
        await ErrorSummaryTakesFocusAsync(page);
        Assert.Contains("Vul een datum in", await page.InnerTextAsync("#date-error"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        var away = first.AddDays(7);
        Assert.NotEmpty(await SlotsAsync(officeHour, away));
        await page.Locator("#date").FillAsync(Day(away));
        await SubmitAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Datum blokkeren" }), "gelukt=geblokkeerd");
        Assert.Contains("is geblokkeerd", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        Assert.Contains(away.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("nl-NL")), await page.InnerTextAsync("#blocked-dates"), StringComparison.Ordinal);
        Assert.Empty(await SlotsAsync(officeHour, away));
        await Axe.AssertNoViolationsAsync(page);

        // And free again.
        await SubmitAndWaitAsync(page, page.Locator("#blocked-dates").GetByRole(AriaRole.Button), "gelukt=vrij");
        Assert.Equal(0, await page.Locator("#blocked-dates").CountAsync());
        Assert.NotEmpty(await SlotsAsync(officeHour, away));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_director_checks_a_resident_in_by_code_with_the_keyboard_only()
    {
        var start = $"{Day(Today().AddDays(3))}T10:00";
        var activity = await ScheduleWithPlacesAsync($"Buurtlunch {Guid.NewGuid():N}"[..18], start, "12:00");
        var code = await RegisterAsync(activity, start);
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/agenda/activiteiten/{activity}/{start}?wijk={Demo.Zuid}");
        Assert.Equal("0", (await page.InnerTextAsync("#attended")).Trim());

        // A code nobody has: said at the field, which keeps the focus's place in the form.
        await Keys.TabToAsync(page, "", id: "code");
        await page.Keyboard.TypeAsync("ZZZZZZ");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Inchecken", (await page.EvaluateAsync<string>("document.activeElement.textContent")).Trim());
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#code-error");
        Assert.Contains("Geen aanmelding voor deze keer heeft deze code.", await page.InnerTextAsync("#code-error"), StringComparison.Ordinal);

        // The resident's code, typed in lower case as people do: checked in, counted.
        await Keys.TabToAsync(page, "", id: "code");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(code.ToLowerInvariant());
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**gelukt=binnen*");
        Assert.Contains($"Ingecheckt: {code}.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        Assert.Equal("1", (await page.InnerTextAsync("#attended")).Trim());
        Assert.Contains("binnen om", await page.InnerTextAsync("#registered ~ div table"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_director_sets_up_an_office_hour_a_resident_books_it_and_the_director_sees_her_name_and_cancels_with_a_reason()
    {
        var host = $"Wethouder {Guid.NewGuid():N}"[..20];
        var first = Today().AddDays(10);
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/agenda?wijk={Demo.Zuid}");

        // Without a function: the calendar's own error (host.function) at its field, what was typed kept.
        await page.Locator("#hostFunction").FillAsync("");
        await page.Locator("#hostName").FillAsync(host);
        await page.Locator("#sessionDate").FillAsync(Day(first));
        await page.SelectOptionAsync("#sessionFrequency", "weekly");
        await page.Locator("#sessionCount").FillAsync("3");
        await page.Locator("#slotMinutes").FillAsync("20");
        await page.Locator("#sessionVenue").FillAsync("Wijkcentrum De Geus");
        var schedule = page.GetByRole(AriaRole.Button, new() { Name = "Spreekuur in de agenda zetten" });
        await schedule.ClickAsync();
        await ErrorSummaryTakesFocusAsync(page);
        Assert.StartsWith("Functie van wie het spreekuur houdt:", (await page.InnerTextAsync("#hostFunction-error")).Trim(), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetAttributeAsync("#hostFunction", "aria-invalid"));
        Assert.Equal(host, await page.InputValueAsync("#hostName"));
        await Axe.AssertNoViolationsAsync(page);

        await page.Locator("#hostFunction").FillAsync("wijkwethouder");
        await SubmitAndWaitAsync(page, schedule, "gelukt=spreekuur");
        Assert.Contains("Het spreekuur staat in de agenda.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        Assert.Contains($"Spreekuur wijkwethouder {host}", await page.InnerTextAsync("#office-hours ~ ul"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Bekijk het spreekuur" }).ClickAsync();
        await page.WaitForURLAsync("**/werkplek/agenda/spreekuren/*");
        var officeHour = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1]);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Spreekuur wijkwethouder {host}");
        var slots = await SlotsAsync(officeHour, first);
        Assert.Equal(3, slots.Count);

        // The resident books the first time in the residents' app.
        var question = $"Kan de heg{Guid.NewGuid():N}"[..18];
        var resident = await platform.NewPageAsync();
        await platform.SignInAsync(resident, Demo.Resident, returnUrl: $"/spreekuren/{officeHour}?dag={Day(first)}");
        await resident.Locator("input[name=start]").First.CheckAsync();
        await resident.Locator("#topic").FillAsync("Groen");
        await resident.Locator("#question").FillAsync(question);
        await resident.GetByRole(AriaRole.Button, new() { Name = "Afspraak maken" }).ClickAsync();
        await resident.WaitForURLAsync("**/afspraken/*?geboekt=1");
        var booking = Guid.Parse(new Uri(resident.Url).AbsolutePath.Split('/')[^1]);
        await resident.Context.CloseAsync();

        // The director sees it with her name, and cancels it: first without a reason (said at the field), then with one.
        await page.ReloadAsync();
        await ReloadUntilAsync(page, "#bookings ~ div table", "Sanne de Vries");
        var row = page.Locator("#bookings ~ div table tr", new() { HasText = question });
        Assert.Contains("Sanne de Vries", await row.InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        var cancel = page.GetByRole(AriaRole.Button, new() { Name = "Afspraak afzeggen" });
        await cancel.ClickAsync();
        await ErrorSummaryTakesFocusAsync(page);
        Assert.Contains("Geef een reden", await page.InnerTextAsync("#bookingReason-error"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        Assert.Equal(booking.ToString(), await page.InputValueAsync("#booking"));
        await page.Locator("#bookingReason").FillAsync("De wethouder is die dag ziek.");
        await SubmitAndWaitAsync(page, cancel, "gelukt=afgezegd");
        Assert.Contains("De afspraak is afgezegd", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        Assert.DoesNotContain(question, await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // The booking is cancelled with the reason, its slot free again, and the resident is told why by mail.
        using (var api = await platform.SignedInAsync(Demo.Resident))
        {
            var cancelled = await api.GetFromJsonAsync<JsonElement>($"{Calendar}/bookings/{booking}");
            Assert.Equal(("cancelled", "De wethouder is die dag ziek."),
                (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("cancelReason").GetString()));
        }
        Assert.All(await SlotsAsync(officeHour, first), s => Assert.True(s.GetProperty("available").GetBoolean()));
        await platform.Mail.WaitForAsync(m => m.To.ToString().Contains(Demo.Resident, StringComparison.Ordinal)
            && (m.TextBody ?? "").Contains("De wethouder is die dag ziek.", StringComparison.Ordinal), timeout: TimeSpan.FromSeconds(30));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_director_sees_who_registered_by_name_and_cancels_the_whole_activity_with_a_reason_the_resident_sees()
    {
        var start = $"{Day(Today().AddDays(12))}T19:00";
        var activity = await ScheduleWithPlacesAsync($"Buurtborrel {Guid.NewGuid():N}"[..20], start, "21:00", new { frequency = "weekly", count = 3 });
        var code = await RegisterAsync(activity, start);

        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/agenda/activiteiten/{activity}/{start}?wijk={Demo.Zuid}");
        await ReloadUntilAsync(page, "#registered ~ div table", "Sanne de Vries");
        var row = page.Locator("#registered ~ div table tr", new() { HasText = code });
        Assert.Contains("Sanne de Vries", await row.InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // The whole activity: a reason is asked for, then every time is cancelled with it.
        await page.GotoAsync($"{platform.Site()}/werkplek/agenda/activiteiten/{activity}?wijk={Demo.Zuid}");
        var cancel = page.GetByRole(AriaRole.Button, new() { Name = "Hele activiteit afgelasten" });
        await cancel.ClickAsync();
        await ErrorSummaryTakesFocusAsync(page);
        Assert.Contains("Geef een reden", await page.InnerTextAsync("#activityReason-error"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        await page.Locator("#activityReason").FillAsync("Het buurthuis is verbouwd.");
        await SubmitAndWaitAsync(page, cancel, "gelukt=afgelast");
        Assert.Contains("De activiteit is afgelast", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        Assert.Equal("Gaat niet door", (await page.InnerTextAsync("#activity-status")).Trim());
        Assert.Contains("Het buurthuis is verbouwd.", await page.InnerTextAsync("#facts"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#change").CountAsync());
        await Axe.AssertNoViolationsAsync(page);
        Assert.Equal(["cancelled", "cancelled", "cancelled"], await OccurrenceStatusesAsync(activity, Today()));

        // The resident sees it with the reason on the occurrence's page in the residents' app.
        var resident = await platform.NewPageAsync();
        await platform.SignInAsync(resident, Demo.Resident, returnUrl: $"/activiteiten/{activity}/{start}");
        Assert.Contains("Het buurthuis is verbouwd.", await resident.InnerTextAsync("main"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(resident);
        await resident.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_director_changes_an_office_hour_the_residents_booking_shows_the_new_place_and_one_that_no_longer_fits_is_cancelled_only_when_chosen()
    {
        var host = $"Wethouder {Guid.NewGuid():N}"[..20];
        var first = Today().AddDays(12);
        var officeHour = await ScheduleOfficeHourAsync(host, first);
        Guid booking;
        using (var api = await platform.SignedInAsync(Demo.Resident))
        {
            var booked = await api.PostAsJsonAsync($"{Calendar}/bookings", new { officeHourId = officeHour, start = $"{Day(first)}T16:40", topic = "Groen" });
            Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync());
            booking = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/agenda/spreekuren/{officeHour}?wijk={Demo.Zuid}");
        var change = page.GetByRole(AriaRole.Button, new() { Name = "Spreekuur wijzigen" });
        Assert.Equal(("16:00", "17:00", "20"), (await page.InputValueAsync("#sessionStart"), await page.InputValueAsync("#sessionEnd"), await page.InputValueAsync("#slotMinutes")));

        // Another place: the booking stays, and the resident's page shows where.
        await page.Locator("#sessionVenue").FillAsync("Buurthuis Lopes Dias");
        await SubmitAndWaitAsync(page, change, "gelukt=gewijzigd");
        Assert.Contains("Alle afspraken blijven staan.", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        Assert.Contains("Buurthuis Lopes Dias", await page.InnerTextAsync("dl"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);
        var resident = await platform.NewPageAsync();
        await platform.SignInAsync(resident, Demo.Resident, returnUrl: $"/afspraken/{booking}");
        Assert.Contains("Buurthuis Lopes Dias", await resident.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal("Bevestigd", (await resident.InnerTextAsync("#booking-status")).Trim());

        // Shorter sessions leave the 16:40 slot out: refused at the choice until the director chooses to cancel it.
        await page.Locator("#sessionEnd").FillAsync("16:40");
        await change.ClickAsync();
        await ErrorSummaryTakesFocusAsync(page);
        Assert.Contains(Day(first) + "T16:40", await page.InnerTextAsync("#cancelBookings-error"), StringComparison.Ordinal);
        Assert.Equal("16:40", await page.InputValueAsync("#sessionEnd"));
        await Axe.AssertNoViolationsAsync(page);
        await page.Locator("#cancelBookings-1").CheckAsync();
        await SubmitAndWaitAsync(page, change, "gelukt=gewijzigd");
        Assert.Contains("zijn geannuleerd (1)", await page.InnerTextAsync("#confirmation"), StringComparison.Ordinal);
        Assert.Contains("Er zijn geen komende afspraken.", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page);

        // The resident's booking page says it was cancelled and why.
        await resident.ReloadAsync();
        Assert.NotEqual("Bevestigd", (await resident.InnerTextAsync("#booking-status")).Trim());
        Assert.Equal("Het spreekuur is gewijzigd.", (await resident.InnerTextAsync("#booking-cancel-reason")).Trim());
        await Axe.AssertNoViolationsAsync(resident);
        Assert.Equal(2, (await SlotsAsync(officeHour, first)).Count);
        await resident.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    private static Task Send(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "In de agenda zetten", Exact = true }).ClickAsync();

    /// <summary>
    /// A form sent with errors comes back as a new page (the workspace's forms are not enhanced) whose
    /// error summary takes the focus (autofocus) and so scrolls the page to its top. The summary is in
    /// the document while it is still loading, and the browser moves the focus only at a later
    /// rendering step: a field filled and a button clicked before then race that jump (the click can
    /// land where the button no longer is, and nothing is sent). So wait until the summary has the focus.
    /// </summary>
    private static async Task ErrorSummaryTakesFocusAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        await Assertions.Expect(page.Locator("#error")).ToBeFocusedAsync();
    }

    /// <summary>
    /// Sends a workspace form and waits for the page it redirects to (<paramref name="done"/> in its
    /// address). When the answer is not a redirect (a refusal, an error at a field), the test says so
    /// with what the page shows instead of timing out on the address.
    /// </summary>
    private static async Task SubmitAndWaitAsync(IPage page, ILocator button, string done)
    {
        var answer = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Request.IsNavigationRequest);
        await button.ClickAsync();
        var response = await answer;
        if (response.Status != 302)
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
            Assert.Fail($"The form's answer was {response.Status}, not a redirect: {await page.InnerTextAsync("main")}");
        }
        await page.WaitForURLAsync($"**{done}*");
    }

    /// <summary>Reloads until <paramref name="selector"/> shows <paramref name="text"/> (what another service tells the calendar arrives a moment later).</summary>
    private static async Task ReloadUntilAsync(IPage page, string selector, string text)
    {
        for (var attempt = 0; ; attempt++)
        {
            if ((await page.InnerTextAsync(selector)).Contains(text, StringComparison.Ordinal) || attempt == 20)
            {
                Assert.Contains(text, await page.InnerTextAsync(selector), StringComparison.Ordinal);
                return;
            }
            await Task.Delay(500);
            await page.ReloadAsync();
        }
    }

    /// <summary>Today in the municipality (the tests' dates lie days ahead, so the zone's hour does not matter much).</summary>
    private static DateOnly Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).DateTime);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The director schedules a public activity with ten places through the API (once, or as <paramref name="recurrence"/> says): its id.</summary>
    private async Task<Guid> ScheduleWithPlacesAsync(string title, string start, string endTime, object? recurrence = null)
    {
        using var director = await platform.SignedInAsync(Demo.Director);
        var scheduled = await director.PostAsJsonAsync($"{Calendar}/activities", new
        {
            title,
            areaId = Demo.Zuid,
            kind = "activity",
            visibility = "public",
            start,
            end = start[..11] + endTime,
            recurrence,
            registration = new { capacity = 10 },
        });
        Assert.True(scheduled.IsSuccessStatusCode, await scheduled.Content.ReadAsStringAsync());
        return (await scheduled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The demo resident registers for an occurrence: the check-in code.</summary>
    [Fact]
    public async Task Changing_a_series_in_the_browser_keeps_what_its_form_does_not_show_the_weekday_rule_the_host_and_the_online_link()
    {
        var title = $"Buurtspreekuur{Guid.NewGuid():N}"[..20];
        var month = Today().AddMonths(2);
        var first = new DateOnly(month.Year, month.Month, 1);
        while (first.DayOfWeek != DayOfWeek.Monday)
        {
            first = first.AddDays(1);
        }
        Guid activity;
        using (var director = await platform.SignedInAsync(Demo.Director))
        {
            // The first Monday of the month, every second month, hosted by the wijkagent, on site and online.
            var created = await Eventually.ValueAsync(() => director.PostAsJsonAsync($"{Calendar}/activities", new
            {
                title, areaId = Demo.Zuid, kind = "activity", visibility = "public",
                start = $"{Day(first)}T19:00", end = $"{Day(first)}T20:00",
                recurrence = new { frequency = "monthly", interval = 2, byDay = new[] { "1MO" }, count = 3 },
                location = new { name = "Wijkcentrum De Geus" },
                onlineUrl = "https://meet.example/buurtspreekuur",
                host = new { function = "wijkagent" },
            }), r => r.IsSuccessStatusCode, what: "the calendar to know Zuid's wijkagent");
            activity = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        var page = await platform.NewPageAsync();
        await platform.SignInAsync(page, Demo.Director, returnUrl: $"/werkplek/agenda/activiteiten/{activity}?wijk={Demo.Zuid}");

        await page.Locator("#title").FillAsync($"{title} (nieuw)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wijzigingen opslaan" }).ClickAsync();
        await page.WaitForURLAsync("**gelukt=gewijzigd*");

        using var client = platform.Client();
        var changed = await client.GetFromJsonAsync<JsonElement>($"{Calendar}/activities/{activity}");
        Assert.Equal($"{title} (nieuw)", changed.GetProperty("title").GetString());
        var rule = changed.GetProperty("recurrence");
        Assert.Equal((2, "1MO", 3), (rule.GetProperty("interval").GetInt32(), rule.GetProperty("byDay")[0].GetString(), rule.GetProperty("count").GetInt32()));
        Assert.Equal("https://meet.example/buurtspreekuur", changed.GetProperty("onlineUrl").GetString());
        Assert.Equal("wijkagent", changed.GetProperty("host").GetProperty("function").GetString());
        await page.Context.CloseAsync();
    }

    private async Task<string> RegisterAsync(Guid activity, string occurrenceStart)
    {
        using var resident = await platform.SignedInAsync(Demo.Resident);
        var registered = await resident.PostAsync($"{Calendar}/activities/{activity}/occurrences/{occurrenceStart}/registrations", null);
        var body = await registered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(registered.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("checkInCode").GetString()!;
    }

    private async Task<List<string>> OccurrenceStatusesAsync(Guid activity, DateOnly from)
    {
        using var client = platform.Client();
        var page = await client.GetFromJsonAsync<JsonElement>($"{Calendar}/activities/{activity}/occurrences?from={Day(from)}");
        return [.. page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("status").GetString()!)];
    }

    /// <summary>The director schedules a weekly office hour of <paramref name="host"/> through the API, 16:00–17:00 in slots of 20 minutes, three times from <paramref name="first"/>: its id.</summary>
    private async Task<Guid> ScheduleOfficeHourAsync(string host, DateOnly first)
    {
        using var director = await platform.SignedInAsync(Demo.Director);
        var scheduled = await director.PostAsJsonAsync($"{Calendar}/office-hours", new
        {
            areaId = Demo.Zuid,
            host = new { function = "wijkwethouder", name = host },
            start = $"{Day(first)}T16:00",
            end = $"{Day(first)}T17:00",
            recurrence = new { frequency = "weekly", count = 3 },
            slotMinutes = 20,
            location = new { name = "Wijkcentrum De Geus" },
        });
        Assert.True(scheduled.IsSuccessStatusCode, await scheduled.Content.ReadAsStringAsync());
        return (await scheduled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<List<JsonElement>> SlotsAsync(Guid officeHour, DateOnly date)
    {
        using var client = platform.Client();
        var slots = await client.GetFromJsonAsync<JsonElement>($"{Calendar}/office-hours/{officeHour}/slots?from={Day(date)}&to={Day(date)}");
        return [.. slots.GetProperty("items").EnumerateArray()];
    }
}
