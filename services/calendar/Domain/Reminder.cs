namespace Buurt.Calendar.Domain;

/// <summary>
/// The rule of the reminders: residents with a place or a booking are reminded once per start, a day
/// before it. Registrations and bookings keep the start they were reminded of (<c>RemindedFor</c>):
/// the reminder watch claims those whose start lies within the lead and differs from it, so a moved
/// occurrence is reminded of again at its new time and nothing is sent twice for the same start.
/// </summary>
public static class Reminder
{
    /// <summary>How long before the start the reminder goes.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromDays(1);

    /// <summary>
    /// What a new place or booking counts as reminded of: its start when it is made within the
    /// lead (the confirmation is fresh; a second message minutes later would be noise), else nothing.
    /// </summary>
    public static DateTimeOffset? AlreadyFor(DateTimeOffset startsAt, DateTimeOffset now) => startsAt - Lead <= now ? startsAt : null;
}
