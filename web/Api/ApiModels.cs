using System.Text.Json;

namespace Buurt.Web.Api;

// What the web app reads of the services' public APIs: only the fields its pages show. Enum values
// stay the API's kebab-case strings ("internal-check"); the pages turn them into texts.

/// <summary>A page of a list as every API answers it.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total)
{
    public static Paged<T> Empty(int pageSize) => new([], 1, pageSize, 0);
}

public sealed record InitiativeSummary(
    Guid Id, string Title, Guid AreaId, string Theme, string? SubTheme, decimal RequestedAmount, string Status,
    DateTimeOffset SubmittedAt, DateOnly? AnswerDueBy, int SupportCount);

public sealed record Initiative(
    Guid Id, string Title, string Description, Guid AreaId, string Theme, string? SubTheme, decimal RequestedAmount,
    string? AddressText, string? PublicName, string Status, DateTimeOffset SubmittedAt, DateTimeOffset StatusChangedAt,
    DateOnly? AnswerDueBy, string? DeclineReason, int SupportCount, decimal? FinalCost, Deal? Deal, IReadOnlyList<string>? AllowedMoves = null);

/// <summary>The initiatives map (GeoJSON): a point ([lon, lat]) and what a marker shows.</summary>
public sealed record MapFeatures(IReadOnlyList<MapFeature> Features);

public sealed record MapFeature(MapGeometry Geometry, MapFeatureProperties Properties);

public sealed record MapGeometry(IReadOnlyList<double> Coordinates);

public sealed record MapFeatureProperties(Guid Id, string Title, string Status, string Theme, Guid AreaId, int SupportCount);

public sealed record SupportAnswer(bool Supported, int SupportCount);

public sealed record Deal(int Version, decimal Amount, string State, DateTimeOffset? AcceptedAt, DealAcceptances? Acceptances,
    IReadOnlyList<Commitment> ResidentCommitments, IReadOnlyList<Commitment> MunicipalCommitments,
    string FundingStatus = "pending", string? FundingRejectionReason = null, string? FundingRejectionDetail = null, string? Approver = null);

public sealed record DealAcceptances(DateTimeOffset? Initiators, DateTimeOffset? Director, DateTimeOffset? Alderman, bool AldermanNeeded);

/// <summary>One commitment of a deal: once by its due date, or recurring; how often it was done and the last note (what was given back).</summary>
public sealed record Commitment(
    Guid Id, string Description, string Owner, DateOnly? DueDate, string Status, DateOnly? NextDue, int TimesDone,
    CommitmentRecurrence? Recurrence = null, DateTimeOffset? LastDoneAt = null, string? LastDoneNote = null);

/// <summary>Every <c>interval</c> weeks, months or years (weekly, monthly, yearly) until a date.</summary>
public sealed record CommitmentRecurrence(string Frequency, int Interval, DateOnly Until);

/// <summary>An open commitment past its date, with its initiative.</summary>
public sealed record OverdueCommitment(Guid InitiativeId, string InitiativeTitle, Guid AreaId, Commitment Commitment);

/// <summary>A move as the API takes it: the new status, a note, the reason (to decline), the final cost (to complete).</summary>
public sealed record StatusChange(string Status, string? Note, string? Reason, decimal? FinalCost);

/// <summary>A buurtdeal as the director proposes it (the API's names).</summary>
public sealed record DealProposal(
    decimal Amount, IReadOnlyList<CommitmentTerms> ResidentCommitments, IReadOnlyList<CommitmentTerms> MunicipalCommitments, string? Note = null);

public sealed record CommitmentTerms(string Description, string Owner, DateOnly? DueDate, CommitmentRecurrence? Recurrence = null);

/// <summary>A poll as the director opens it: results live or after-closing.</summary>
public sealed record PollOpening(string Question, IReadOnlyList<string> Options, DateTimeOffset ClosesAt, string Results);

/// <summary>The evaluation: the story and a review (kept, partly, not-kept) of each commitment.</summary>
public sealed record EvaluationWriting(string Story, IReadOnlyList<CommitmentReview> Reviews);

public sealed record CommitmentReview(Guid CommitmentId, string Outcome, string? Note = null);

public sealed record Evaluation(string Story, IReadOnlyList<CommitmentReview> Reviews, bool Complete);

public sealed record TimelineEntry(DateTimeOffset At, string Kind, string ActorRole, string? From, string? To, string? Note, string? Reason, DateOnly? AnswerDueBy);

/// <summary>A buurtpeiling: the options, and the votes per option and in all when the poll shows them (resultsShown: live or after-closing).</summary>
public sealed record Poll(
    Guid Id, string Question, IReadOnlyList<string> Options, DateTimeOffset OpenedAt, DateTimeOffset ClosesAt, bool Closed,
    string ResultsShown, IReadOnlyList<int>? Results, int? TotalVotes);

/// <summary>An update by the initiators (authorRole initiator) or the municipality (staff).</summary>
public sealed record ProgressUpdate(Guid Id, string AuthorRole, string Text, DateTimeOffset At);

/// <summary>A resident's comment; a hidden one has no text, only why it was hidden.</summary>
public sealed record Comment(Guid Id, string? Text, DateTimeOffset At, bool Hidden, string? HiddenReason, int ReportCount);

/// <summary>What a resident sends to submit an initiative (the API's names).</summary>
public sealed record InitiativeSubmission(
    string Title, string Description, Guid? AreaId, string? Theme, decimal? RequestedAmount, string? AddressText, string? PublicName);

public sealed record Created(Guid Id);

public sealed record AreaBudget(decimal Allocated, decimal Amended, decimal Reserved, decimal Committed, decimal Paid, decimal Available);

/// <summary>An occurrence of an activity, or (kind office-hour, no activity) a session of an office hour with its host.</summary>
public sealed record AgendaItem(
    Guid? ActivityId, DateTimeOffset Start, DateTimeOffset End, string Title, string Kind, Guid AreaId, string Status,
    bool Moved, string? Reason, Venue? Location, string? OnlineUrl, Guid? OfficeHourId = null, OfficeHourHost? Host = null,
    string? OccurrenceStart = null, int? Capacity = null, int Registered = 0, string? Mode = null, DateTimeOffset? WalkInUntil = null);

public sealed record Activity(
    Guid Id, string Title, string Description, Guid AreaId, string Kind, string TimeZone, Venue? Location, string? OnlineUrl,
    ActivityRegistration? Registration, string Status, string? CancelReason,
    string? Visibility = null, string? Theme = null, string? Start = null, string? End = null, ActivityRecurrence? Recurrence = null,
    Guid? VenueId = null, OfficeHourHost? Host = null, Guid? InitiativeId = null);

/// <summary>A series' rule as the calendar keeps it (bounded: asked without an end, it runs two years ahead).</summary>
public sealed record ActivityRecurrence(string Frequency, int Interval, IReadOnlyList<string> ByDay, int? Count, string? Until, bool Bounded);

/// <summary>An activity as the wijk's planners send it (the calendar's names; times are wall times such as 2027-01-05T19:00).</summary>
public sealed record ActivityPlan(
    string Title, string? Description, Guid AreaId, string Kind, string Visibility, string? Theme, string Start, string End,
    RecurrencePlan? Recurrence, Venue? Location, RegistrationPlan? Registration,
    Guid? VenueId = null, string? OnlineUrl = null, OfficeHourHost? Host = null, Guid? InitiativeId = null, string? TimeZone = null);

public sealed record RecurrencePlan(string Frequency, int Interval, string? Until, int? Count, IReadOnlyList<string>? ByDay = null);

public sealed record RegistrationPlan(int Capacity);

/// <summary>Why one occurrence (or the whole activity) is cancelled, and an occurrence's new wall times.</summary>
public sealed record OccurrenceCancellation(string? Reason);

public sealed record OccurrenceMove(string Start, string End, string? Reason);

/// <summary>An occurrence's registrations for the wijk's planners, with its counts.</summary>
public sealed record OccurrenceRegistrations(int Capacity, int Registered, int Waitlisted, int Attended, Paged<Registration> Registrations);

/// <summary>A comment in the moderation queue, with its initiative.</summary>
public sealed record ReportedComment(Guid Id, string? Text, DateTimeOffset At, int ReportCount, Guid InitiativeId, string InitiativeTitle, Guid AreaId);

public sealed record ActivityRegistration(int Capacity);

public sealed record Occurrence(
    Guid ActivityId, string OccurrenceStart, DateTimeOffset Start, DateTimeOffset End, string Status, bool Moved, string? Reason, int Registered, int Waitlisted);

/// <summary>A registration: status registered, waitlisted or cancelled; the waiting-list place while waiting.</summary>
public sealed record Registration(Guid Id, Guid ActivityId, string OccurrenceStart, string Status, int? WaitlistPosition, string CheckInCode,
    DateTimeOffset? RegisteredAt = null, DateTimeOffset? AttendedAt = null, string? ResidentName = null);

public sealed record MyRegistration(
    Guid Id, Guid ActivityId, string Title, string OccurrenceStart, DateTimeOffset Start, DateTimeOffset End, string Status,
    int? WaitlistPosition, string CheckInCode, bool OccurrenceCancelled, Venue? Location, string? OnlineUrl);

/// <summary>An office hour: <c>Mode</c> walk-in (no slots), bookable, or both (walk-in for the first <c>WalkInMinutes</c> of each session, then slots).</summary>
public sealed record OfficeHour(Guid Id, Guid AreaId, OfficeHourHost Host, string TimeZone, int? SlotMinutes, Venue? Location, string? OnlineUrl, int MinimumNoticeHours,
    string Mode = "bookable", int WalkInMinutes = 0, DateTimeOffset? StartsAt = null, IReadOnlyList<string>? BlockedDates = null,
    string? Start = null, string? End = null, ActivityRecurrence? Recurrence = null, int BufferMinutes = 0, int HorizonDays = 60, Guid? VenueId = null,
    IReadOnlyList<Guid>? CancelledBookings = null);

/// <summary>A slot of an office hour: available, or why not (taken, past, too-soon, beyond-horizon).</summary>
public sealed record Slot(DateTimeOffset Start, DateTimeOffset End, bool Available, string State);

public sealed record SlotList(IReadOnlyList<Slot> Items);

/// <summary>What a resident sends to book a slot (the API's names).</summary>
public sealed record BookingRequest(Guid OfficeHourId, string Start, string? Topic, string? Question);

public sealed record Booking(
    Guid Id, Guid OfficeHourId, OfficeHourHost Host, DateTimeOffset Start, DateTimeOffset End, string? Topic, string? Question,
    string Status, string? CancelReason, Venue? Location, string? OnlineUrl, string? LocalStart = null, string? ResidentName = null);

/// <summary>A new office hour as the calendar takes it: wall times in the municipality's zone, slots of <c>SlotMinutes</c> (none: walk-in only).</summary>
/// <remarks>
/// A change (PUT) sends the whole state: what the form does not show (notice, horizon, blocked dates,
/// online link, the network's venue) is sent as it is, and <c>CancelBookings</c> confirms cancelling
/// the bookings the new plan has no slot for.
/// </remarks>
public sealed record OfficeHourPlan(
    Guid AreaId, OfficeHourHost Host, string Start, string End, RecurrencePlan? Recurrence, int? SlotMinutes, int? BufferMinutes, int? WalkInMinutes,
    Venue? Location, int? MinimumNoticeHours = null, int? HorizonDays = null, IReadOnlyList<string>? BlockedDates = null, string? OnlineUrl = null,
    Guid? VenueId = null, bool? CancelBookings = null);

/// <summary>The path of my private feed (its token is in it; given once).</summary>
public sealed record PersonalFeed(string Path, DateTimeOffset CreatedAt);

public sealed record OfficeHourHost(string? Function, string? Name, bool ByFunction = false);

public sealed record Venue(string? Name, string? Address, double? Lat = null, double? Lon = null);

public sealed record Topic(string Key, string Name, string Theme);

public sealed record WhoAnswer(WijkReference Wijk, Topic? Topic, IReadOnlyList<WhoContact> Contacts);

public sealed record WijkReference(Guid Id, string Name);

public sealed record WhoContact(string? FunctionName, string? Name, OrganisationReference Organisation, IReadOnlyList<ContactPoint> ContactPoints);

public sealed record OrganisationReference(Guid Id, string Name, string Kind);

public sealed record ContactPoint(string Kind, string Value, string? Label);

/// <summary>The signed-in resident's own record in the wijk network (contacts' people/me), with all their own contact points.</summary>
public sealed record MyPerson(Guid Id, string Name, IReadOnlyList<PersonContactPoint> ContactPoints);

public sealed record PersonContactPoint(Guid Id, string Kind, string Value, string? Label);

/// <summary>One record of a person's consent history: a consent given (its points, to whom, under which text) or its withdrawal (naming ConsentId).</summary>
public sealed record ConsentRecord(
    Guid Id, Guid ConsentId, string Kind, IReadOnlyList<Guid> ContactPointIds, string? Visibility, string Basis, DateTimeOffset RecordedAt, string? TextVersion = null);

/// <summary>A consent as the resident sees it: when it was given, and when it was withdrawn (null while it stands).</summary>
public sealed record MyConsent(ConsentRecord Given, DateTimeOffset? WithdrawnAt)
{
    public Guid Id => Given.ConsentId;

    /// <summary>The consents in a history, newest first.</summary>
    public static IReadOnlyList<MyConsent> From(IReadOnlyList<ConsentRecord> history) =>
        [.. history.Where(r => r.Kind == "given").OrderByDescending(r => r.RecordedAt)
            .Select(g => new MyConsent(g, history.FirstOrDefault(r => r.Kind == "withdrawn" && r.ConsentId == g.ConsentId)?.RecordedAt))];
}

/// <summary>An answer that is not the one asked for: the status, and the problem's field errors (camelCase names) when it named fields.</summary>
public sealed record ApiProblem(int Status, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>What an illegal move's 409 names: the moves the caller may make now (API names).</summary>
    public IReadOnlyList<string>? AllowedMoves { get; init; }

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        string? detail = null;
        IReadOnlyList<string>? allowedMoves = null;
        if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                if (body.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String)
                {
                    detail = d.GetString();
                }
                if (body.TryGetProperty("allowedMoves", out var moves) && moves.ValueKind == JsonValueKind.Array)
                {
                    allowedMoves = [.. moves.EnumerateArray().Select(m => m.GetString() ?? "")];
                }
                if (body.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in e.EnumerateObject())
                    {
                        errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                            ? [.. field.Value.EnumerateArray().Select(m => m.GetString() ?? "")]
                            : [field.Value.ToString()];
                    }
                }
            }
            catch (JsonException)
            {
                // Not problem details after all: the status says enough.
            }
        }
        return new ApiProblem((int)response.StatusCode, detail, errors) { AllowedMoves = allowedMoves };
    }
}
