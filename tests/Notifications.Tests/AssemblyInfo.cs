// The two fixtures (NotificationsService, ReliabilityService) each host the service in this process.
// OpenTelemetry's meter listener is process-wide: while both live, one host's /metrics also reports
// the other's "Buurt.Notifications" gauges, and the reliability tests read those gauges. So the
// collections run one after the other, and their fixtures never overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
