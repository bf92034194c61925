using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Buurt.Testing;

/// <summary>Records what chosen instruments of one meter measure while it lives (process-wide, like the meters).</summary>
public sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value)> _measured = new();

    public MeasurementRecorder(string meter, params string[] instruments)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meter && instruments.Contains(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => _measured.Enqueue((instrument.Name, value)));
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _measured.Enqueue((instrument.Name, value)));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => _measured.Enqueue((instrument.Name, value)));
        _listener.Start();
    }

    /// <summary>Every value <paramref name="instrument"/> recorded so far, in order.</summary>
    public List<double> Values(string instrument) => [.. _measured.Where(m => m.Instrument == instrument).Select(m => m.Value)];

    public void Dispose() => _listener.Dispose();
}
