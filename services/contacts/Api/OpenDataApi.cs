using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Buurt.Contacts.Domain;
using Buurt.Contacts.UseCases;
using Buurt.ServiceDefaults.Api;
using Buurt.ServiceDefaults.Problems;

namespace Buurt.Contacts.Api;

/// <summary>
/// The open export of the network's public part, for local "sociale kaart" sites, in the tables of the
/// Open Referral Human Services Data Specification (HSDS 3.0) where they fit: organizations, services
/// (a function held today, "Wijkagent, Zuid"), service_areas (its wijken), contacts (who holds it),
/// phones, locations (venues), addresses, schedules, accessibility. One JSON document with every table
/// (<c>/open-data/hsds.json</c>) or one CSV per table (<c>/open-data/hsds/organizations.csv</c>, ...). Column names
/// are HSDS's (snake_case), not our API's. Only what is shown to the public: a person's own phone or
/// e-mail only under a public consent standing at that moment, so it is never stored by any cache.
/// </summary>
public static class OpenDataApi
{
    public static void MapOpenData(this IEndpointRouteBuilder api)
    {
        var open = api.MapGroup("/open-data").WithTags("Open data").AllowAnonymous();
        open.MapGet("/hsds.json", JsonAsync).WithName("OpenDataHsdsJson").Produces(200, contentType: "application/json")
            .WithSummary("The network's public part as HSDS 3.0 tables in one JSON document.");
        // One segment for the file name ({file} = organizations.csv): a parameter with a suffix is no kebab-case path segment (ADR).
        open.MapGet("/hsds/{file}", CsvAsync).WithName("OpenDataHsdsCsv").Produces(200, contentType: "text/csv").ProducesValidationProblem()
            .WithSummary("One HSDS table as CSV: organizations.csv, services.csv, service_areas.csv, contacts.csv, phones.csv, locations.csv, addresses.csv, schedules.csv or accessibility.csv.");
    }

    private static async Task<IResult> JsonAsync(OpenData data, HttpResponse response, CancellationToken cancellationToken)
    {
        var directory = await data.ReadAsync(cancellationToken);
        var document = new JsonObject
        {
            ["hsds_version"] = "3.0",
            ["generated_at"] = directory.ReadAt.ToString("O", CultureInfo.InvariantCulture),
        };
        foreach (var table in HsdsTables.Of(directory))
        {
            document[table.Name] = new JsonArray([.. table.Rows.Select(row =>
                (JsonNode)new JsonObject(table.Columns.Select((column, i) => KeyValuePair.Create(column, Node(row[i])))))]);
        }
        Caching.NotStored(response);
        return Results.Text(document.ToJsonString(), "application/json; charset=utf-8");
    }

    private static async Task<IResult> CsvAsync(string file, OpenData data, HttpContext http, CancellationToken cancellationToken)
    {
        var table = file.EndsWith(".csv", StringComparison.Ordinal) ? file[..^4] : "";
        if (!HsdsTables.Names.Contains(table))
        {
            return ApiProblems.Field("file", $"Known files: {string.Join(", ", HsdsTables.Names.Select(n => n + ".csv"))}.");
        }
        var chosen = HsdsTables.Of(await data.ReadAsync(cancellationToken)).Single(t => t.Name == table);
        Caching.NotStored(http.Response);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{table}.csv\"";
        await using var csv = CsvWriter.For(http.Response);
        await csv.WriteRowAsync(chosen.Columns, cancellationToken);
        foreach (var row in chosen.Rows)
        {
            foreach (var cell in row)
            {
                _ = cell switch
                {
                    Guid id => csv.Value(id),
                    double number => csv.Value(number),
                    _ => csv.Text(cell as string),
                };
            }
            await csv.EndRowAsync(cancellationToken);
        }
        return Results.Empty;
    }

    private static JsonNode? Node(object? cell) => cell switch
    {
        null => null,
        Guid id => JsonValue.Create(id.ToString()),
        double number => JsonValue.Create(number),
        _ => JsonValue.Create((string)cell),
    };
}

/// <summary>One HSDS table: its name, columns and rows (cells: string, Guid, double or null).</summary>
public sealed record HsdsTable(string Name, string[] Columns, IReadOnlyList<object?[]> Rows);

/// <summary>The network's public part as HSDS tables: the mapping, hand-written, in one place.</summary>
public static class HsdsTables
{
    public static readonly string[] Names = ["organizations", "services", "service_areas", "contacts", "phones", "locations", "addresses", "schedules", "accessibility"];

    public static IReadOnlyList<HsdsTable> Of(OpenDirectory d)
    {
        var points = d.PublicPoints;
        string? First(IEnumerable<ContactPoint> of, ContactPointKind kind) => of.FirstOrDefault(p => p.Kind == kind)?.Value;
        IEnumerable<ContactPoint> OfOrganisation(Guid id) => points.Where(p => p.OrganisationId == id);
        IEnumerable<ContactPoint> OfFunction(OpenService s) =>
            points.Where(p => p.FunctionKey == s.Function.Key && (p.AreaId is null || s.Wijken.Any(w => w.Id == p.AreaId)));
        IEnumerable<ContactPoint> OfPerson(OpenService s) => points.Where(p => p.PersonId == s.Person.Id);

        var phones = new List<object?[]>();
        foreach (var o in d.Organisations)
        {
            phones.AddRange(OfOrganisation(o.Id).Where(p => p.Kind == ContactPointKind.Phone).Select(p => Phone(p, organisation: o.Id)));
        }
        foreach (var s in d.Services)
        {
            phones.AddRange(OfFunction(s).Where(p => p.Kind == ContactPointKind.Phone).Select(p => Phone(p, service: s.Assignment.Id)));
            phones.AddRange(OfPerson(s).Where(p => p.Kind == ContactPointKind.Phone).Select(p => Phone(p, contact: Derived(s.Assignment.Id, "contact"))));
        }
        return
        [
            new("organizations", ["id", "name", "description", "email", "website"],
                [.. d.Organisations.Select(o => new object?[] { o.Id, o.Name, o.Description, First(OfOrganisation(o.Id), ContactPointKind.Email), First(OfOrganisation(o.Id), ContactPointKind.Website) })]),
            new("services", ["id", "organization_id", "name", "description", "status", "email", "url"],
                [.. d.Services.Select(s => new object?[]
                {
                    s.Assignment.Id, s.Assignment.OrganisationId, $"{s.Function.Name}, {string.Join(", ", s.Wijken.Select(w => w.Name))}",
                    $"{s.Function.Name} in {string.Join(", ", s.Wijken.Select(w => w.Name))}", "active",
                    First(OfFunction(s), ContactPointKind.Email), First(OfFunction(s), ContactPointKind.Website),
                })]),
            new("service_areas", ["id", "service_id", "name", "extent_type"],
                [.. d.Services.SelectMany(s => s.Wijken.Select(w => new object?[] { Derived(s.Assignment.Id, w.Id.ToString()), s.Assignment.Id, w.Name, "wijk" }))]),
            new("contacts", ["id", "service_id", "organization_id", "name", "title", "email"],
                [.. d.Services.Select(s => new object?[]
                {
                    Derived(s.Assignment.Id, "contact"), s.Assignment.Id, s.Assignment.OrganisationId, s.Person.Name, s.Function.Name, First(OfPerson(s), ContactPointKind.Email),
                })]),
            new("phones", ["id", "organization_id", "service_id", "contact_id", "location_id", "number", "type", "description"], phones),
            new("locations", ["id", "location_type", "organization_id", "name", "latitude", "longitude"],
                [.. d.Venues.Select(v => new object?[] { v.Id, "physical", v.OrganisationId, v.Name, v.Lat, v.Lon })]),
            new("addresses", ["id", "location_id", "address_1", "city", "postal_code", "country", "address_type"],
                [.. d.Venues.Select(v => new object?[] { Derived(v.Id, "address"), v.Id, v.Address, v.City, v.Postcode, "NL", "physical" })]),
            new("schedules", ["id", "location_id", "freq", "byday", "opens_at", "closes_at"],
                [.. d.Venues.SelectMany(v => v.OpeningHours.Select((h, i) => new object?[]
                {
                    Derived(v.Id, "schedule" + i.ToString(CultureInfo.InvariantCulture)), v.Id, "WEEKLY", h.Day.ToString()[..2].ToUpperInvariant(),
                    h.Opens.ToString("HH:mm", CultureInfo.InvariantCulture), h.Closes.ToString("HH:mm", CultureInfo.InvariantCulture),
                }))]),
            new("accessibility", ["id", "location_id", "description"],
                [.. d.Venues.Where(v => v.AccessibilityNotes is not null).Select(v => new object?[] { Derived(v.Id, "accessibility"), v.Id, v.AccessibilityNotes })]),
        ];
    }

    private static object?[] Phone(ContactPoint p, Guid? organisation = null, Guid? service = null, Guid? contact = null) =>
        [p.Id, organisation, service, contact, null, p.Value, "voice", p.Label];

    /// <summary>A stable id for a row HSDS wants that we keep no id of (a venue's address, a holder as contact): the same on every export.</summary>
    private static Guid Derived(Guid of, string part)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(of.ToString() + "/" + part));
        return new Guid(hash.AsSpan(0, 16));
    }
}
