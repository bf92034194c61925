using Buurt.Budget.Data;
using Buurt.Budget.Domain;
using Buurt.ServiceDefaults.Domain;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Budget.UseCases;

/// <summary>
/// A municipality's rules for awarding money: the mandates (who may approve how much), the
/// executive's decisions above every mandate, and what a closed year carries over. Each is one
/// <c>SaveChanges</c> (joining an idempotency key's transaction when there is one).
/// </summary>
public sealed class AwardRules(BudgetDbContext db, ITenantContext tenant, TimeProvider time)
{
    /// <summary>Sets a role's mandate; only director and alderman hold one, and a director's never exceeds an alderman's.</summary>
    public async Task<Mandate> SetMandateAsync(string role, decimal maxAmount, CancellationToken cancellationToken)
    {
        Mandate.RequireRole(role);
        var mandates = await db.Mandates.ToListAsync(cancellationToken);
        Mandate.RequireOrder(role, maxAmount, mandates);
        var now = time.Now();
        var mandate = mandates.FirstOrDefault(m => m.Role == role);
        if (mandate is null)
        {
            mandate = new Mandate(tenant.RequiredTenantId, role, maxAmount, now);
            db.Mandates.Add(mandate);
        }
        else
        {
            mandate.Change(maxAmount, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        return mandate;
    }

    /// <summary>Sets the carry-over rule applied when a year is closed.</summary>
    public async Task<TenantSettings> SetCarryOverAsync(CarryOverRule carryOver, CancellationToken cancellationToken)
    {
        var settings = await db.Settings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new TenantSettings(tenant.RequiredTenantId);
            db.Settings.Add(settings);
        }
        settings.SetCarryOver(carryOver);
        await db.SaveChangesAsync(cancellationToken);
        return settings;
    }

    /// <summary>Records the executive's decision to fund an initiative above every mandate (one per initiative).</summary>
    public async Task<ExecutiveDecision> RecordExecutiveDecisionAsync(
        Guid initiativeId, string reference, decimal maxAmount, string recordedBy, CancellationToken cancellationToken)
    {
        if (await db.ExecutiveDecisions.AnyAsync(d => d.InitiativeId == initiativeId, cancellationToken))
        {
            throw RuleException.Conflict($"An executive decision for initiative {initiativeId} is recorded already.");
        }
        var decision = new ExecutiveDecision(tenant.RequiredTenantId, initiativeId, reference, maxAmount, recordedBy, time.Now());
        db.ExecutiveDecisions.Add(decision);
        await db.SaveChangesAsync(cancellationToken);
        return decision;
    }
}
