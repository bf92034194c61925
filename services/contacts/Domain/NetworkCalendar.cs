namespace Buurt.Contacts.Domain;

/// <summary>The network's days are the municipality's local days: an assignment from 1 March counts from midnight in Amsterdam.</summary>
public static class NetworkCalendar
{
    private static readonly TimeZoneInfo s_amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, s_amsterdam).DateTime);
}
