using Buurt.Contracts;
using Buurt.Contracts.Budget;
using Buurt.Contracts.Initiatives;
using Buurt.Testing;

namespace Buurt.Notifications.Tests;

/// <summary>The events the other services publish, as the tests need them.</summary>
public static class Events
{
    public const string Title = "Bankje bij de speeltuin";

    public static readonly DateOnly DueBy = new(2026, 12, 4);

    public static InitiativeSubmitted Submitted(Guid initiative, Guid area, Guid initiator, string title = Title, string tenant = Demo.Hilversum) =>
        new(tenant, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, area, Theme.Fysiek, 850.50m, initiator, title);

    public static InitiativeStatusChanged Moved(Guid initiative, Guid initiator, string to = "internal-check", string? note = "Wijkteam kijkt mee",
        string? reason = null, string title = Title, Guid? area = null) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, area ?? Demo.Zuid, "submitted", to, initiator, title, note, reason, DueBy);

    public static DealProposed Proposed(Guid initiative, Guid initiator, decimal amount = 850.50m) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, Demo.Zuid, Theme.Fysiek, 1, amount, initiator, Title);

    public static FundsReserved Reserved(Guid initiative, decimal amount = 850.50m) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, Demo.Zuid, 1, amount, 2026, "director");

    public static FundsReservationRejected Rejected(Guid initiative, decimal amount = 850.50m) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, Demo.Zuid, 1, amount, FundsRejectionReasons.InsufficientFunds,
            "Er is nog 300,00 euro over in Zuid.");

    public static InitiativeAnswerOverdue Overdue(Guid initiative, Guid area) =>
        new(Demo.Hilversum, Guid.CreateVersion7(), DateTimeOffset.UtcNow, initiative, area, "internal-check", DueBy);
}
