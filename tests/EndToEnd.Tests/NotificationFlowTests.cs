using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Buurt.Testing;
using MimeKit;

namespace Buurt.EndToEnd.Tests;

/// <summary>
/// Issue 18's acceptance, through the gateway: a resident of Zuid submits an initiative, the
/// director moves it, and within seconds the resident has exactly one mail about it (Dutch, with the
/// new answer date) and one notification in the app; the wijk's staff heard of the new initiative;
/// the mail's one-click unsubscribe works through the gateway; identity's password reset arrives
/// as a real mail.
/// </summary>
public sealed class NotificationFlowTests(Platform platform) : IClassFixture<Platform>
{
    private static bool About(MimeMessage mail, string address, string title) =>
        mail.To.Mailboxes.Any(b => b.Address == address) && mail.Subject?.Contains(title, StringComparison.Ordinal) == true;

    [Fact]
    public async Task A_moved_initiative_reaches_its_resident_as_one_Dutch_mail_with_the_answer_date_and_one_notification_in_the_app()
    {
        var resident = await platform.SignedInAsync(Demo.Resident);
        var director = await platform.SignedInAsync(Demo.Director);
        var title = $"Bankje Stroeslaan {Guid.NewGuid():N}"[..30];
        var submitted = await resident.PostAsJsonAsync("/api/initiatives/v1/initiatives", new
        {
            title, description = "Een bank bij de speeltuin.", areaId = Demo.Zuid, theme = "fysiek", requestedAmount = 850m,
        }).OkAsync();
        var id = submitted.GetProperty("id").GetGuid();

        var moved = await director.PostAsJsonAsync($"/api/initiatives/v1/initiatives/{id}/status-changes",
            new { status = "internal-check", note = "Wijkteam kijkt mee" }).OkAsync();

        var due = DateOnly.Parse(moved.GetProperty("answerDueBy").GetString()!, CultureInfo.InvariantCulture);
        var mail = (await platform.Mail.WaitForAsync(m => About(m, Demo.Resident, title), timeout: TimeSpan.FromSeconds(15))).Single();
        Assert.Equal($"Uw initiatief '{title}' is nu: interne check", mail.Subject);
        Assert.Contains($"U krijgt uiterlijk {due.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("nl-NL"))} antwoord van de gemeente.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Toelichting van de gemeente: Wijkteam kijkt mee", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/initiatieven/{id}", mail.TextBody, StringComparison.Ordinal);

        var inbox = await resident.GetAsync("/api/notifications/v1/notifications").OkAsync();
        var about = inbox.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("subjectId").GetString() == id.ToString()).ToList();
        Assert.Equal(mail.Subject, about.Single().GetProperty("title").GetString());

        // The wijk's director and alderman heard of the new initiative.
        await platform.Mail.WaitForAsync(m => About(m, Demo.Director, title) && m.Subject!.StartsWith("Nieuw initiatief", StringComparison.Ordinal));
        await platform.Mail.WaitForAsync(m => About(m, Demo.Alderman, title));
        await Task.Delay(1000);
        Assert.Single(await platform.Mail.MessagesAsync(), m => About(m, Demo.Resident, title));
    }

    [Fact]
    public async Task The_mails_one_click_unsubscribe_works_through_the_gateway()
    {
        var resident = await platform.SignedInAsync(Demo.ResidentOost);
        var director = await platform.SignedInAsync("director.zuid@hilversum.example");
        var title = $"Speeltuin Oost {Guid.NewGuid():N}"[..27];
        // Submitted in Zuid so that the director may move it (the resident lives in Oost; it is their initiative all the same).
        var id = (await resident.PostAsJsonAsync("/api/initiatives/v1/initiatives", new
        {
            title, description = "Een speeltuin.", areaId = Demo.Zuid, theme = "fysiek", requestedAmount = 100m,
        }).OkAsync()).GetProperty("id").GetGuid();
        await director.PostAsJsonAsync($"/api/initiatives/v1/initiatives/{id}/status-changes", new { status = "internal-check" }).OkAsync();
        var mail = (await platform.Mail.WaitForAsync(m => About(m, Demo.ResidentOost, title))).Single();

        var link = new Uri(mail.Headers[HeaderId.ListUnsubscribe]!.Trim('<', '>'));
        Assert.Equal("hilversum.localhost", link.Host);
        var page = await platform.Client().GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var posted = await platform.Client().PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        var preferences = await resident.GetAsync("/api/notifications/v1/preferences").OkAsync();
        Assert.Equal("off", preferences.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "initiative-moved")
            .GetProperty("channels").GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_supporter_and_the_initiator_hear_of_staffs_update_and_the_director_of_a_reported_comment()
    {
        var initiator = await platform.SignedInAsync(Demo.ResidentOost);
        var supporter = await platform.SignedInAsync(Demo.Resident);
        var director = await platform.SignedInAsync(Demo.Director);
        var title = $"Moestuin Zuid {Guid.NewGuid():N}"[..26];
        var id = (await initiator.PostAsJsonAsync("/api/initiatives/v1/initiatives", new
        {
            title, description = "Een moestuin voor de buurt.", areaId = Demo.Zuid, theme = "fysiek", requestedAmount = 300m,
        }).OkAsync()).GetProperty("id").GetGuid();
        await supporter.PutAsync($"/api/initiatives/v1/initiatives/{id}/support", null).OkAsync();
        var comment = await supporter.PostAsJsonAsync($"/api/initiatives/v1/initiatives/{id}/comments", new { text = "Ik help mee!" }).OkAsync();
        // The support travels on its own queue; give it the moment a real resident's support has before news comes.
        await Task.Delay(TimeSpan.FromSeconds(2));

        await director.PostAsJsonAsync($"/api/initiatives/v1/initiatives/{id}/updates", new { text = "De gemeente levert de grond in maart." }).OkAsync();

        var news = (await platform.Mail.WaitForAsync(m => About(m, Demo.Resident, title) && m.Subject!.StartsWith("Nieuws over", StringComparison.Ordinal),
            timeout: TimeSpan.FromSeconds(15))).Single();
        Assert.Contains("“De gemeente levert de grond in maart.”", news.TextBody, StringComparison.Ordinal);
        await platform.Mail.WaitForAsync(m => About(m, Demo.ResidentOost, title) && m.Subject!.StartsWith("Nieuws over", StringComparison.Ordinal));
        var inbox = await supporter.GetAsync("/api/notifications/v1/notifications").OkAsync();
        Assert.Single(inbox.GetProperty("items").EnumerateArray(), n => n.GetProperty("subjectId").GetString() == id.ToString() && n.GetProperty("kind").GetString() == "initiative-update");

        await initiator.PostAsJsonAsync($"/api/initiatives/v1/initiatives/{id}/comments/{comment.GetProperty("id").GetGuid()}/reports", new { reason = "Reclame" }).OkAsync();
        var reported = (await platform.Mail.WaitForAsync(m => About(m, Demo.Director, title) && m.Subject!.StartsWith("Reactie gemeld", StringComparison.Ordinal))).Single();
        Assert.Contains($"/initiatieven/{id}", reported.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identitys_password_reset_arrives_as_a_real_mail()
    {
        var response = await platform.Client().PostAsJsonAsync("/api/identity/v1/password-resets", new { email = Demo.BudgetController });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var mail = (await platform.Mail.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == Demo.BudgetController) && m.Subject == "Buurt: nieuw wachtwoord")).Last();
        Assert.Contains("Uw code: ", mail.TextBody, StringComparison.Ordinal);
        Assert.Null(mail.Headers[HeaderId.ListUnsubscribe]);
    }
}
