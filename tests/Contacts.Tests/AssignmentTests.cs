using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurt.Testing;
using static Buurt.Contacts.Tests.ContactsService;

namespace Buurt.Contacts.Tests;

/// <summary>One holder per function, wijk and day: checked by the use case (a 409 naming "from") and guaranteed by PostgreSQL.</summary>
[Collection(ContactsCollection.Name)]
public sealed class AssignmentTests(ContactsService service)
{
    private async Task<HttpResponseMessage> AssignAsync(object body) =>
        await (await service.AsAsync(Demo.Admin)).PostAsJsonAsync($"{Root}/assignments", body);

    [Fact]
    public async Task A_second_holder_of_a_function_in_a_wijk_on_an_overlapping_day_is_a_409_naming_from_and_naming_the_holder()
    {
        var holder = await service.HolderAsync(Demo.Centrum);
        var other = await service.NewPersonAsync();

        var response = await AssignAsync(new
        {
            personId = other,
            organisationId = holder.Organisation,
            function = holder.Function,
            areaIds = new[] { Demo.Oost1223, Demo.Centrum },
            from = Today.AddDays(30),
        });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict, "from");
        Assert.Equal(holder.Assignment, problem.GetProperty("conflictingAssignmentId").GetGuid());
        var list = await service.Client().GetFromJsonAsync<JsonElement>($"{Root}/assignments?function={holder.Function}");
        Assert.Equal(1, list.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task The_same_function_may_be_held_in_another_wijk_or_after_the_current_holder_ends()
    {
        var holder = await service.HolderAsync(Demo.Centrum);
        var admin = await service.AsAsync(Demo.Admin);
        (await admin.PostAsJsonAsync($"{Root}/assignments/{holder.Assignment}/end", new { until = Today.AddDays(9) })).EnsureSuccessStatusCode();

        await service.AssignAsync(await service.NewPersonAsync(), holder.Organisation, holder.Function, [Demo.Oost1223], Today);
        await service.AssignAsync(await service.NewPersonAsync(), holder.Organisation, holder.Function, [Demo.Centrum], Today.AddDays(10));
        var moved = await admin.PostAsJsonAsync($"{Root}/assignments/{holder.Assignment}/end", new { until = Today.AddDays(10) });

        await moved.ProblemAsync(HttpStatusCode.Conflict, "from");
        var events = await service.EventsAboutAsync(holder.Assignment);
        Assert.Equal(["AssignmentRegistered", "AssignmentEnded"], events.Select(e => e.Type));
    }

    [Fact]
    public async Task PostgreSQL_refuses_a_second_holder_even_when_the_code_is_passed_by()
    {
        var holder = await service.HolderAsync(Demo.Centrum);
        var second = await service.NewPersonAsync();
        var id = Guid.NewGuid();

        var error = await service.SqlErrorAsync($"""
            WITH a AS (INSERT INTO assignments (id, tenant_id, person_id, organisation_id, function_key, "from", registered_at)
                       VALUES ('{id}', 'hilversum', '{second}', '{holder.Organisation}', '{holder.Function}', DATE '2030-01-01', now()) RETURNING id)
            INSERT INTO assignment_areas (assignment_id, area_id, tenant_id, function_key, "from")
            SELECT id, '{Demo.Centrum}', 'hilversum', '{holder.Function}', DATE '2030-01-01' FROM a
            """);

        Assert.StartsWith("23P01", error);
        Assert.Contains("ex_assignment_areas_one_holder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_registrations_at_once_give_one_holder_and_one_409()
    {
        var function = await service.NewFunctionAsync();
        var organisation = await service.NewOrganisationAsync();
        var people = new[] { await service.NewPersonAsync(), await service.NewPersonAsync(), await service.NewPersonAsync() };

        var responses = await Task.WhenAll(people.Select(p => AssignAsync(new
        {
            personId = p,
            organisationId = organisation,
            function,
            areaIds = new[] { Demo.Centrum },
            from = Today,
        })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.ProblemAsync(HttpStatusCode.Conflict, "from");
        }
    }

    [Fact]
    public async Task Changing_an_assignments_wijken_is_published_and_may_not_give_a_wijk_two_holders()
    {
        var holder = await service.HolderAsync(Demo.Centrum);
        var other = await service.AssignAsync(await service.NewPersonAsync(), holder.Organisation, holder.Function, [Demo.Oost1223], Today);
        var admin = await service.AsAsync(Demo.Admin);

        var changed = await admin.PutAsJsonAsync($"{Root}/assignments/{holder.Assignment}", new { areaIds = new[] { Demo.Centrum, Demo.Zuid } });
        var clash = await admin.PutAsJsonAsync($"{Root}/assignments/{other}", new { areaIds = new[] { Demo.Zuid } });

        Assert.Equal(new[] { Demo.Centrum, Demo.Zuid }.Order(), (await changed.OkAsync()).GetProperty("areaIds").EnumerateArray().Select(a => a.GetGuid()).Order());
        await clash.ProblemAsync(HttpStatusCode.Conflict, "from");
        Assert.Contains(await service.EventsAboutAsync(holder.Assignment), e => e.Type == "AssignmentChanged");
    }

    [Fact]
    public async Task A_director_keeps_the_assignments_of_their_own_wijk_only()
    {
        var function = await service.NewFunctionAsync();
        var organisation = await service.NewOrganisationAsync();
        var person = await service.NewPersonAsync();
        var director = await service.AsAsync(Demo.Director);

        var own = await director.PostAsJsonAsync($"{Root}/assignments",
            new { personId = person, organisationId = organisation, function, areaIds = new[] { Demo.Zuid }, from = Today.AddYears(5) });
        var other = await director.PostAsJsonAsync($"{Root}/assignments",
            new { personId = person, organisationId = organisation, function, areaIds = new[] { Demo.Centrum }, from = Today.AddYears(5) });

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        await other.ProblemAsync(HttpStatusCode.Forbidden);
    }
}
