using Buurt.Identity.Data;
using Buurt.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Buurt.Identity.Api.Account;

/// <summary>An account page: it knows its municipality's name for the header, as the web app's pages show it.</summary>
public abstract class AccountPage : ComponentBase
{
    [Inject]
    private IdentityServiceDbContext Db { get; set; } = null!;

    [Inject]
    private ITenantContext Tenant { get; set; } = null!;

    /// <summary>The municipality's name; "Buurt" when the page was opened without one.</summary>
    protected string SiteName { get; private set; } = "Buurt";

    protected override async Task OnInitializedAsync()
    {
        if (Tenant.TenantId is { } slug)
        {
            SiteName = await Db.Tenants.AsNoTracking().Where(t => t.Slug == slug).Select(t => t.DisplayName ?? t.Name).FirstOrDefaultAsync() ?? SiteName;
        }
    }
}
