using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Buurt.AreaCopy;

/// <summary>
/// A service's own copy of identity's wijken and buurten: the table in its DbContext, the
/// consumers of <c>AreaRegistered</c>/<c>AreaChanged</c>, and the one-time catch-up at start.
/// </summary>
public static class AreaCopySetup
{
    public const string Table = "areas";

    /// <summary>Call from <c>OnModelCreating</c>, before <c>FilterByTenant</c> (which gives the copy its tenant filter).</summary>
    public static ModelBuilder AddAreaCopy(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CopiedArea>(area =>
        {
            area.ToTable(Table);
            area.HasKey(a => a.Id);
            area.Property(a => a.TenantId).HasMaxLength(40);
            area.Property(a => a.Kind).HasMaxLength(10);
            area.Property(a => a.Name).HasMaxLength(100);
            area.Property(a => a.Code).HasMaxLength(20);
            area.HasIndex(a => a.TenantId);
        });
        return modelBuilder;
    }

    /// <summary>The store over <typeparamref name="TDbContext"/>, the catch-up and its readiness check ("areas").</summary>
    public static IHostApplicationBuilder AddAreaCopy<TDbContext>(this IHostApplicationBuilder builder)
        where TDbContext : DbContext
    {
        builder.Services.AddScoped(sp => new AreaStore(sp.GetRequiredService<TDbContext>()));
        return builder.AddIdentityCatchUp<AreaCatchUp>("areas");
    }

    /// <summary>The consumers that keep the copy current ("{service}-area-registered", "{service}-area-changed").</summary>
    public static IBusRegistrationConfigurator AddAreaCopyConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<AreaRegisteredConsumer>();
        bus.AddConsumer<AreaChangedConsumer>();
        return bus;
    }
}
