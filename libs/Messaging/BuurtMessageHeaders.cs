namespace Buurt.Messaging;

/// <summary>Headers our own plumbing puts on every message (the trace travels in MassTransit's own).</summary>
public static class BuurtMessageHeaders
{
    public const string Tenant = "Buurt-Tenant";
}
