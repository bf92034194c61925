namespace Buurt.Testing;

/// <summary>
/// Identity's demo data by name (services/identity/Data/DemoData.cs): the municipalities, the
/// wijken with their stable ids, and the accounts. Tests name these instead of writing ids again.
/// </summary>
public static class Demo
{
    public const string Hilversum = "hilversum";
    public const string Voorbeeldstad = "voorbeeldstad";

    /// <summary>Every demo account's password.</summary>
    public const string Password = "Demo-2026!";

    // Wijken of Hilversum, then Voorbeeldstad.
    public static readonly Guid Zuid = Guid.Parse("dd9080e3-c70d-57ef-879c-cfd423882e5f");
    public static readonly Guid Centrum = Guid.Parse("ee649a34-a6c4-5272-9817-e912c82f2e91");
    public static readonly Guid Oost1221 = Guid.Parse("329d4cef-ec33-5743-857d-6d7d15951eed");
    public static readonly Guid Oost1223 = Guid.Parse("3081fc01-52d2-5888-bfbc-7f8a399f214f");
    public static readonly Guid VoorbeeldstadNoord = Guid.Parse("40437c71-c350-5967-8430-06f36ad69767");

    /// <summary>A buurt: Zuid Noord (HZ-N) in Zuid (DemoData.IdFor).</summary>
    public static readonly Guid ZuidNoord = Guid.Parse("e5e0d16a-a35a-5010-b131-8b47c0185653");

    // Accounts of Hilversum (resident and staff of Zuid unless named otherwise), then Voorbeeldstad.
    public const string Resident = "resident@hilversum.example";
    public const string ResidentOost = "resident.oost@hilversum.example";
    public const string Director = "director.zuid@hilversum.example";
    public const string Alderman = "alderman.zuid@hilversum.example";
    public const string Partner = "partner.zuid@hilversum.example";
    public const string BudgetController = "budget@hilversum.example";
    public const string Admin = "admin@hilversum.example";
    public const string VoorbeeldstadResident = "resident@voorbeeldstad.example";
    public const string VoorbeeldstadDirector = "director@voorbeeldstad.example";
    public const string VoorbeeldstadAdmin = "admin@voorbeeldstad.example";
}
