using Buurt.ServiceDefaults.Data;

namespace Buurt.Contacts.Data;

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class DesignTimeDbContextFactory() : DesignTimeFactory<ContactsDbContext>("contacts");
