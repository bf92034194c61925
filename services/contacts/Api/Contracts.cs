using System.ComponentModel.DataAnnotations;
using Buurt.Contacts.Domain;
using Buurt.Contacts.UseCases;
using Buurt.Contracts;
using Buurt.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Buurt.Contacts.Api;

/// <summary>A contact point to add: how (phone, email, website, address, photo), the value, and who may see it.</summary>
public sealed record ContactPointRequest
{
    [Required]
    public ContactPointKind? Kind { get; init; }

    [Required, StringLength(ContactPoint.ValueMaxLength, MinimumLength = 1)]
    public string? Value { get; init; }

    /// <summary>
    /// public, residents, network or staff. Default: staff for a person's own point (shown beyond staff
    /// only with their consent anyway), public for an organisation's or a function's.
    /// </summary>
    public Visibility? Visibility { get; init; }

    /// <summary>What it is for ("Spreekuur", "Werktelefoon").</summary>
    [StringLength(ContactPoint.LabelMaxLength)]
    public string? Label { get; init; }

    /// <summary>Only for a function's point: the wijk it is for (left out: every wijk).</summary>
    public Guid? AreaId { get; init; }

    public NewContactPoint ToNew(Visibility byDefault) => new(Kind!.Value, Value!, Visibility ?? byDefault, Label);

    /// <summary>The 400 for a wijk on the point of an organisation or a person.</summary>
    public static ValidationProblem NotForAWijk(string field) => ApiProblems.Field(field, "Only a function's contact point is for a wijk.");
}

public sealed record OrganisationRequest
{
    [Required, StringLength(Text.NameMaxLength, MinimumLength = 1)]
    public string? Name { get; init; }

    /// <summary>municipality, police, social-work, housing-corporation, resident-group, school, venue-operator, care, church, business, media or other.</summary>
    [Required]
    public OrganisationKind? Kind { get; init; }

    [StringLength(Organisation.DescriptionMaxLength)]
    public string? Description { get; init; }

    /// <summary>Its contact points (team mailbox, main number, website, visiting address); more can be added later.</summary>
    [MaxLength(20)]
    public IReadOnlyList<ContactPointRequest>? ContactPoints { get; init; }
}

public sealed record PersonRequest
{
    [Required, StringLength(Text.NameMaxLength, MinimumLength = 1)]
    public string? Name { get; init; }

    /// <summary>Their account on the platform, if they have one (they can then see and withdraw their consents themselves).</summary>
    public Guid? UserId { get; init; }
}

public sealed record ConsentRequest
{
    /// <summary>The person's own contact points the consent covers.</summary>
    [Required, MinLength(1), MaxLength(50)]
    public IReadOnlyList<Guid>? ContactPointIds { get; init; }

    /// <summary>The widest circle the person allows: public, residents or network.</summary>
    [Required]
    public Visibility? Visibility { get; init; }

    /// <summary>How it was given: in-person, email-link, or on-platform (by the person themselves, signed in).</summary>
    [Required]
    public ConsentBasis? Basis { get; init; }

    /// <summary>The version of the consent text the person agreed to (e.g. "2026-01").</summary>
    [Required, StringLength(Person.TextVersionMaxLength, MinimumLength = 1)]
    public string? TextVersion { get; init; }
}

public sealed record WithdrawalRequest
{
    /// <summary>How the withdrawal reached us (in-person or email-link; on-platform when the person withdraws themselves). Default: in-person.</summary>
    public ConsentBasis? Basis { get; init; }
}

public sealed record AssignmentRequest
{
    [Required]
    public Guid? PersonId { get; init; }

    [Required]
    public Guid? OrganisationId { get; init; }

    /// <summary>The function's key (wijkagent); see /functions.</summary>
    [Required, StringLength(Text.KeyMaxLength, MinimumLength = 1)]
    public string? Function { get; init; }

    /// <summary>The wijken, one or more.</summary>
    [Required, MinLength(1), MaxLength(50)]
    public IReadOnlyList<Guid>? AreaIds { get; init; }

    /// <summary>The first day.</summary>
    [Required]
    public DateOnly? From { get; init; }

    /// <summary>The last day, if known.</summary>
    public DateOnly? Until { get; init; }

    /// <summary>A hand-over: whoever holds the function in these wijken on <c>from</c> ends the day before.</summary>
    public bool? HandOver { get; init; }
}

public sealed record EndAssignmentRequest
{
    /// <summary>The last day.</summary>
    [Required]
    public DateOnly? Until { get; init; }
}

public sealed record ChangeAssignmentRequest
{
    [Required, MinLength(1), MaxLength(50)]
    public IReadOnlyList<Guid>? AreaIds { get; init; }
}

/// <summary>A WGS84 point.</summary>
public sealed record LocationDto
{
    [Required, Range(-90.0, 90.0)]
    public double? Lat { get; init; }

    [Required, Range(-180.0, 180.0)]
    public double? Lon { get; init; }
}

/// <summary>Open on a day of the week from a time to a time (local, "09:00:00").</summary>
public sealed record OpeningHoursDto
{
    [Required]
    public DayOfWeek? Day { get; init; }

    [Required]
    public TimeOnly? Opens { get; init; }

    [Required]
    public TimeOnly? Closes { get; init; }
}

public sealed record VenueRequest
{
    [Required, StringLength(Text.NameMaxLength, MinimumLength = 1)]
    public string? Name { get; init; }

    /// <summary>The wijk it lies in.</summary>
    public Guid? AreaId { get; init; }

    /// <summary>The organisation that runs it.</summary>
    public Guid? OrganisationId { get; init; }

    /// <summary>Street and number.</summary>
    [Required, StringLength(Venue.AddressMaxLength, MinimumLength = 1)]
    public string? Address { get; init; }

    [StringLength(7)]
    public string? Postcode { get; init; }

    [Required, StringLength(Text.NameMaxLength, MinimumLength = 1)]
    public string? City { get; init; }

    [Required]
    public LocationDto? Location { get; init; }

    [MaxLength(50)]
    public IReadOnlyList<OpeningHoursDto>? OpeningHours { get; init; }

    /// <summary>Step-free entrance, accessible toilet, hearing loop, ...</summary>
    [StringLength(Venue.NotesMaxLength)]
    public string? AccessibilityNotes { get; init; }

    public VenueDetails ToDetails() => new(
        Name!, AreaId, OrganisationId, Address!, Postcode, City!, Location!.Lat!.Value, Location.Lon!.Value,
        [.. (OpeningHours ?? []).Select(h => new OpeningPeriod(h.Day!.Value, h.Opens!.Value, h.Closes!.Value))], AccessibilityNotes);
}

public sealed record FunctionRequest
{
    /// <summary>How people read it: Wijkagent.</summary>
    [Required, StringLength(Text.NameMaxLength, MinimumLength = 1)]
    public string? Name { get; init; }

    /// <summary>Where it comes in a wijk's list of contacts (lower first); default: last.</summary>
    [Range(0, 100_000)]
    public int? Position { get; init; }
}

public sealed record TopicRequest
{
    [Required, StringLength(Text.NameMaxLength, MinimumLength = 1)]
    public string? Name { get; init; }

    /// <summary>sociaal, fysiek or veilig.</summary>
    [Required]
    public Theme? Theme { get; init; }
}

/// <summary>Where a topic (left out: the fallback) in a wijk (left out: every wijk) goes: a function or an organisation.</summary>
public sealed record RoutingRuleRequest
{
    [StringLength(Text.KeyMaxLength)]
    public string? Topic { get; init; }

    public Guid? AreaId { get; init; }

    [StringLength(Text.KeyMaxLength)]
    public string? Function { get; init; }

    public Guid? OrganisationId { get; init; }
}

/// <summary>A contact point as its viewer sees it: <c>visibility</c> is whom it is meant for, <c>shownTo</c> whom it is shown to now (a person's own: as far as their consents allow).</summary>
public sealed record ContactPointResponse(Guid Id, ContactPointKind Kind, string Value, Visibility Visibility, Visibility ShownTo, string? Label)
{
    public static ContactPointResponse Of(ShownPoint s) => new(s.Point.Id, s.Point.Kind, s.Point.Value, s.Point.Visibility, s.ShownTo, s.Point.Label);

    public static ContactPointResponse Of(ContactPoint p) => new(p.Id, p.Kind, p.Value, p.Visibility, p.IsPersonal ? Visibility.Staff : p.Visibility, p.Label);
}

/// <summary>A function's own contact point, for one wijk (<c>areaId</c>) or every wijk (none).</summary>
public sealed record FunctionContactPointResponse(Guid Id, ContactPointKind Kind, string Value, Visibility Visibility, string? Label, Guid? AreaId)
{
    public static FunctionContactPointResponse Of(ContactPoint p) => new(p.Id, p.Kind, p.Value, p.Visibility, p.Label, p.AreaId);
}

/// <summary>An organisation's listing; <c>lastVerifiedAt</c>: when it was last confirmed as still right.</summary>
public sealed record OrganisationResponse(
    Guid Id, string Name, OrganisationKind Kind, string? Description, DateTimeOffset? EndedAt, DateTimeOffset LastVerifiedAt,
    IReadOnlyList<ContactPointResponse> ContactPoints)
{
    public static OrganisationResponse Of(Organisation o, IEnumerable<ContactPointResponse> points) =>
        new(o.Id, o.Name, o.Kind, o.Description, o.EndedAt, o.LastVerifiedAt, [.. points]);
}

/// <summary>One change to an organisation's listing: the field, before and after, by whom (account id) as partner or keeper, when.</summary>
public sealed record ListingChangeResponse(Guid Id, string Field, string? Before, string? After, string ChangedBy, string ChangedAs, DateTimeOffset ChangedAt)
{
    public static ListingChangeResponse Of(ListingChange c) => new(c.Id, c.Field, c.Before, c.After, c.ChangedBy, c.ChangedAs, c.ChangedAt);
}

/// <summary>A listing's confirmation: when it was last confirmed as still right.</summary>
public sealed record VerifiedResponse(ListingKind Kind, Guid Id, DateTimeOffset LastVerifiedAt);

/// <summary>A listing nobody confirmed for a year and the grace period; <c>verificationRequestedAt</c>: when its contact was asked (none: no address to ask).</summary>
public sealed record UnverifiedListingResponse(ListingKind Kind, Guid Id, string Name, DateTimeOffset LastVerifiedAt, DateTimeOffset? VerificationRequestedAt)
{
    public static UnverifiedListingResponse Of(UnverifiedListing l) => new(l.Kind, l.Id, l.Name, l.LastVerifiedAt, l.VerificationRequestedAt);
}

/// <summary>A resident's report that a listing is outdated: the organisation or the person, and what they noticed.</summary>
public sealed record ListingReportRequest
{
    public Guid? OrganisationId { get; init; }

    public Guid? PersonId { get; init; }

    /// <summary>What is outdated ("the phone number is no longer in use").</summary>
    [Required, StringLength(ListingReport.NoteMaxLength, MinimumLength = 1)]
    public string? Note { get; init; }
}

public sealed record ResolutionRequest
{
    /// <summary>What was done about it.</summary>
    [Required, StringLength(ListingReport.NoteMaxLength, MinimumLength = 1)]
    public string? Note { get; init; }
}

/// <summary>A report of an outdated listing. <c>reportedBy</c> (the account) only for staff.</summary>
public sealed record ListingReportResponse(
    Guid Id, ListingKind ListingKind, Guid ListingId, string ListingName, string Note, Guid? ReportedBy, DateTimeOffset ReportedAt,
    DateTimeOffset? ResolvedAt, string? ResolvedBy, string? Resolution)
{
    public static ListingReportResponse Of(ListingReport r, bool forStaff) => new(
        r.Id, r.ListingKind, r.ListingId, r.ListingName, r.Note, forStaff ? r.ReportedBy : null, r.ReportedAt, r.ResolvedAt, forStaff ? r.ResolvedBy : null, r.Resolution);
}

public sealed record OrganisationSummary(Guid Id, string Name, OrganisationKind Kind, DateTimeOffset? EndedAt);

/// <summary>A person as the caller may see them. <c>userId</c> only for staff and the person themselves.</summary>
public sealed record PersonResponse(
    Guid Id, string Name, Guid? UserId, IReadOnlyList<ContactPointResponse> ContactPoints, IReadOnlyList<AssignmentResponse> Assignments)
{
    public static PersonResponse Of(PersonView view) => new(
        view.Person.Id, view.Person.Name, view.SeesAccount ? view.Person.UserId : null,
        [.. view.Points.Select(ContactPointResponse.Of)], [.. view.Assignments.Select(a => AssignmentResponse.Of(a, view.Person.Name))]);
}

public sealed record PersonSummary(Guid Id, string Name);

/// <summary>Everything contacts holds about one person (a GDPR export): every contact point with whom it is meant for, the consent history, every assignment.</summary>
public sealed record PersonExportResponse(
    Guid Id, string Name, Guid? UserId, DateTimeOffset RegisteredAt, IReadOnlyList<ContactPointResponse> ContactPoints, IReadOnlyList<ConsentResponse> Consents,
    IReadOnlyList<AssignmentResponse> Assignments, DateTimeOffset ExportedAt)
{
    public static PersonExportResponse Of(PersonExport e)
    {
        var standing = ConsentRule.Standing(e.Consents);
        return new(e.Person.Id, e.Person.Name, e.Person.UserId, e.Person.RegisteredAt,
            [.. e.ContactPoints.Select(p => ContactPointResponse.Of(new ShownPoint(p, ConsentRule.ShownTo(p, standing))))],
            [.. e.Consents.Select(ConsentResponse.Of)], [.. e.Assignments.Select(a => AssignmentResponse.Of(a, e.Person.Name))], e.ExportedAt);
    }
}

public sealed record AssignmentResponse(
    Guid Id, Guid PersonId, string? PersonName, Guid OrganisationId, string Function, IReadOnlyList<Guid> AreaIds, DateOnly From, DateOnly? Until)
{
    public static AssignmentResponse Of(Assignment a, string? personName) =>
        new(a.Id, a.PersonId, personName, a.OrganisationId, a.FunctionKey, [.. a.AreaIds.Order()], a.From, a.Until);
}

/// <summary>One line of a person's consent history: a consent given, or the withdrawal of one (<c>consentId</c>).</summary>
public sealed record ConsentResponse(
    Guid Id, Guid ConsentId, ConsentRecordKind Kind, IReadOnlyList<Guid> ContactPointIds, Visibility? Visibility, ConsentBasis Basis, string? TextVersion,
    string RecordedBy, DateTimeOffset RecordedAt)
{
    public static ConsentResponse Of(ConsentRecord r) =>
        new(r.Id, r.ConsentId, r.Kind, r.ContactPointIds, r.Visibility, r.Basis, r.TextVersion, r.RecordedBy, r.RecordedAt);
}

public sealed record VenueResponse(
    Guid Id, string Name, Guid? AreaId, Guid? OrganisationId, string Address, string? Postcode, string City, LocationDto Location,
    IReadOnlyList<OpeningHoursDto> OpeningHours, string? AccessibilityNotes, DateTimeOffset? EndedAt)
{
    public static VenueResponse Of(Venue v) => new(
        v.Id, v.Name, v.AreaId, v.OrganisationId, v.Address, v.Postcode, v.City, new LocationDto { Lat = v.Lat, Lon = v.Lon },
        [.. v.OpeningHours.Select(h => new OpeningHoursDto { Day = h.Day, Opens = h.Opens, Closes = h.Closes })], v.AccessibilityNotes, v.EndedAt);
}

public sealed record FunctionResponse(string Key, string Name, int Position)
{
    public static FunctionResponse Of(Function f) => new(f.Key, f.Name, f.Position);
}

public sealed record TopicResponse(string Key, string Name, Theme Theme)
{
    public static TopicResponse Of(Topic t) => new(t.Key, t.Name, t.Theme);
}

public sealed record RoutingRuleResponse(Guid Id, string? Topic, Guid? AreaId, string? Function, Guid? OrganisationId)
{
    public static RoutingRuleResponse Of(RoutingRule r) => new(r.Id, r.TopicKey, r.AreaId, r.FunctionKey, r.OrganisationId);
}

/// <summary>The answer to "who do I talk to": the wijk of the postcode, the topic asked (if any), the contacts in order.</summary>
public sealed record WhoResponse(WijkReference Wijk, TopicResponse? Topic, IReadOnlyList<WhoContact> Contacts)
{
    public static WhoResponse Of(WhoAnswer answer) => new(
        new WijkReference(answer.Wijk.Id, answer.Wijk.Name),
        answer.Topic is null ? null : TopicResponse.Of(answer.Topic),
        [.. answer.Contacts.Select(c => new WhoContact(
            c.Function?.Key, c.Function?.Name, c.Person?.Name, new OrganisationReference(c.Organisation.Id, c.Organisation.Name, c.Organisation.Kind),
            [.. c.Points.Select(p => new WhoContactPoint(p.Point.Kind, p.Point.Value, p.Point.Label))],
            [.. c.NextOfficeHours.Select(OfficeHourResponse.Of)]))]);
}

public sealed record WijkReference(Guid Id, string Name);

public sealed record OrganisationReference(Guid Id, string Name, OrganisationKind Kind);

/// <summary>
/// One contact: the function (key and name) and who holds it today (<c>name</c>), or an organisation
/// alone; how to reach them, as far as the caller may see; the function's next office hours (empty
/// until the calendar publishes them).
/// </summary>
public sealed record WhoContact(
    string? Function, string? FunctionName, string? Name, OrganisationReference Organisation, IReadOnlyList<WhoContactPoint> ContactPoints,
    IReadOnlyList<OfficeHourResponse> NextOfficeHours);

public sealed record WhoContactPoint(ContactPointKind Kind, string Value, string? Label);

/// <summary>
/// A coming session of an office hour of a contact (from the calendar's events): its times, until when
/// it is walk-in (<c>mode</c> <c>walk-in</c>, <c>bookable</c> or <c>both</c>), where, and its office
/// hour's id to book a slot at the calendar (<c>/api/calendar/v1/office-hours/{officeHourId}/slots</c>).
/// </summary>
public sealed record OfficeHourResponse(
    Guid OfficeHourId, DateTimeOffset Start, DateTimeOffset End, string Mode, DateTimeOffset? WalkInUntil, string? Location, Guid? VenueId, string? OnlineUrl)
{
    public static OfficeHourResponse Of(NextOfficeHour next) => new(next.OfficeHour.Id, next.Session.StartsAt, next.Session.EndsAt, next.OfficeHour.Mode,
        next.Session.WalkInUntil, next.OfficeHour.Location, next.OfficeHour.VenueId, next.OfficeHour.OnlineUrl);
}

/// <summary>The id of what was made.</summary>
public sealed record CreatedResponse(Guid Id);

/// <summary>A listing link was mailed to the organisation; it works until <c>expiresAt</c>.</summary>
public sealed record ListingLinkSentResponse(DateTimeOffset ExpiresAt);
