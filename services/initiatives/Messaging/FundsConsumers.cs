using Buurt.Contracts.Budget;
using Buurt.Initiatives.Api;
using Buurt.Initiatives.Data;
using Buurt.Initiatives.Domain;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Initiatives.Messaging;

/// <summary>The budget reserved a deal's money: the deal shows it, and is accepted if every party already has.</summary>
public sealed class FundsReservedConsumer(InitiativesDbContext db, TimeProvider time, ILogger<FundsReservedConsumer> logger)
    : IConsumer<FundsReserved>
{
    public async Task Consume(ConsumeContext<FundsReserved> context)
    {
        var e = context.Message;
        if (await FundingAnswer.FindAsync(db, e.InitiativeId, e.DealVersion, logger, context.CancellationToken) is not var (initiative, deal))
        {
            return;
        }
        db.Store(initiative.FundsReserved(deal, e.Approver, await db.SettingsAsync(context.CancellationToken), time.GetUtcNow()));
    }
}

/// <summary>The budget refused a deal's money: the deal shows why, and waits for a revision.</summary>
public sealed class FundsReservationRejectedConsumer(InitiativesDbContext db, TimeProvider time, ILogger<FundsReservationRejectedConsumer> logger)
    : IConsumer<FundsReservationRejected>
{
    public async Task Consume(ConsumeContext<FundsReservationRejected> context)
    {
        var e = context.Message;
        if (await FundingAnswer.FindAsync(db, e.InitiativeId, e.DealVersion, logger, context.CancellationToken) is not var (initiative, deal))
        {
            return;
        }
        db.Store(initiative.FundsRejected(deal, e.Reason, e.Detail, time.GetUtcNow()));
    }
}

internal static class FundingAnswer
{
    /// <summary>The initiative and the deal version the budget answered; null (logged) when there is none.</summary>
    public static async Task<(Initiative, Deal)?> FindAsync(InitiativesDbContext db, Guid initiativeId, int version, ILogger logger,
        CancellationToken cancellationToken)
    {
        var initiative = await db.Initiatives.FirstOrDefaultAsync(i => i.Id == initiativeId, cancellationToken);
        var deal = await db.Deals.Include(d => d.Commitments)
            .FirstOrDefaultAsync(d => d.InitiativeId == initiativeId && d.Version == version, cancellationToken);
        if (initiative is null || deal is null)
        {
            logger.LogWarning("The budget answered for initiative {InitiativeId} deal version {Version}, which this service does not know.", initiativeId, version);
            return null;
        }
        return (initiative, deal);
    }
}
